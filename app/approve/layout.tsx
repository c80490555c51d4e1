import type { Metadata, Viewport } from "next";
import { getTranslations } from "next-intl/server";

// The customer's pages: no account, no portal navigation, never indexed, and the token in the
// URL is not leaked to other sites through the Referer header.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customer.meta");
  return { title: { default: t("title"), template: "%s" }, robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function ApproveLayout({ children }: { children: React.ReactNode }) {
  return <div className="min-h-screen bg-slate-100">{children}</div>;
}
