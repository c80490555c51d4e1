import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui/layout";

export const metadata: Metadata = { title: "Admin" };

const SECTIONS = [
  { href: "/admin/integration", title: "Integration log", text: "Provider callbacks: what arrived, what it changed, and the ones that need attention, with replay." },
  { href: "/admin/users", title: "Users", text: "Add advisors and administrators, disable accounts and end their sessions." },
  { href: "/admin/settings", title: "Settings", text: "Customer approval: how long links stay valid, and whether an approval orders automatically." },
  { href: "/admin/providers", title: "Providers", text: "Register providers, hand over the public key, test the connection, load products and read the integration log." },
  { href: "/admin/sync", title: "Sync health", text: "Per provider and record type: last pull, lag, errors and warnings, Sync now, and what happens to contracts of unknown holders." },
  { href: "/admin/review", title: "Review queue", text: "Provider records the portal could not place: match the holder to a client, create the client, retry or ignore." },
];

export default async function AdminPage() {
  const user = await requirePageUser({ admin: true, next: "/admin" });
  return (
    <>
      <PageHeader title="Administration" description={`Settings for ${user.organizationName}.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map((section) => (
          <Link key={section.href} href={section.href} className="group">
            <Card className="h-full p-5 transition group-hover:ring-brand-500">
              <h2 className="font-semibold text-slate-900">{section.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{section.text}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
