import { requirePageUser } from "@/lib/auth/session";
import { AppShell } from "@/components/shell/app-shell";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser({ admin: true });
  return <AppShell user={user}>{children}</AppShell>;
}
