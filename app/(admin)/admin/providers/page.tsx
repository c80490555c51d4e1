import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listProviders } from "@/lib/providers/queries";
import { formatDateTime } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";

export const metadata: Metadata = { title: "Providers" };

export default async function ProvidersPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/providers" });
  const providers = await listProviders(admin);
  return (
    <>
      <PageHeader
        title="Providers"
        back={<Link href="/admin" className="text-slate-600 hover:underline">← Administration</Link>}
        description="Insurance and finance providers your advisors send proposals to over the FiNUM Sync API."
        actions={<ButtonLink href="/admin/providers/new">Register provider</ButtonLink>}
      />
      <Card>
        {providers.length === 0 ? (
          <EmptyState title="No providers yet" action={<ButtonLink href="/admin/providers/new">Register provider</ButtonLink>}>
            Register a provider to generate the key pair you send them for onboarding.
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2.5 font-medium">Provider</th>
                <th scope="col" className="px-5 py-2.5 font-medium">Status</th>
                <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">Last connection test</th>
                <th scope="col" className="px-5 py-2.5 text-right font-medium">Products</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {providers.map((provider) => (
                <tr key={provider.id} className="hover:bg-slate-50">
                  <td className="px-5 py-3">
                    <Link href={`/admin/providers/${provider.id}`} className="font-medium text-brand-700 hover:underline">
                      {provider.name}
                    </Link>
                    <p className="text-slate-500">{provider.baseUrl}</p>
                  </td>
                  <td className="px-5 py-3">
                    {provider.enabled ? <Badge tone="emerald">Enabled</Badge> : <Badge>Disabled</Badge>}
                    {!provider.enabled && !provider.lastCheckOk ? <p className="mt-1 text-xs text-slate-500">Test the connection, then enable it.</p> : null}
                  </td>
                  <td className="hidden px-5 py-3 md:table-cell">
                    {provider.lastCheckedAt ? (
                      <span className="flex items-center gap-2">
                        {provider.lastCheckOk ? <Badge tone="emerald">OK</Badge> : <Badge tone="red">Failed</Badge>}
                        <span className="text-slate-600">{formatDateTime(provider.lastCheckedAt)}</span>
                      </span>
                    ) : (
                      <span className="text-slate-400">Never tested</span>
                    )}
                  </td>
                  <td className="px-5 py-3 text-right tabular-nums">{provider._count.products}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
