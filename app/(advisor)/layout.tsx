import { requirePageUser } from "@/lib/auth/session";
import { AppShell } from "@/components/shell/app-shell";

// The layout redirects signed-out visitors for a friendly experience; every page, action and
// route still checks the session itself (layouts are not a security boundary).
export default async function AdvisorLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return <AppShell user={user}>{children}</AppShell>;
}
