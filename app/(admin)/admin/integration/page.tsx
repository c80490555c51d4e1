import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listCallbackDeliveries, type DeliveryFilter } from "@/lib/callbacks/admin";
import { formatDateTime } from "@/lib/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ReplayButton } from "@/components/shell/replay-button";

export const metadata: Metadata = { title: "Integration log" };

const OUTCOMES: Record<string, { label: string; tone: "slate" | "emerald" | "amber" | "red" | "brand" }> = {
  applied: { label: "Applied", tone: "emerald" },
  unchanged: { label: "Nothing new", tone: "slate" },
  failing: { label: "Failing", tone: "red" },
  "unknown-contract": { label: "Unknown contract", tone: "amber" },
  "missing-at-provider": { label: "Not found at provider", tone: "amber" },
  pending: { label: "Queued", tone: "brand" },
};

export default async function IntegrationPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const admin = await requirePageUser({ admin: true, next: "/admin/integration" });
  const filter: DeliveryFilter = (await searchParams).show === "all" ? "all" : "attention";
  const { items, counts } = await listCallbackDeliveries(admin, filter);
  return (
    <>
      <PageHeader
        back={<Link href="/admin" className="text-slate-600 hover:underline">← Administration</Link>}
        title="Integration log"
        description="Callbacks from providers. Each one only triggers a fresh read of the contract; failing ones are retried with backoff and can be replayed here."
      />
      <div className="mb-4 flex flex-wrap gap-2 text-sm">
        {Object.entries(OUTCOMES).map(([key, { label, tone }]) => (
          <Badge key={key} tone={tone}>
            {label}: {counts[key] ?? 0}
          </Badge>
        ))}
      </div>
      <nav aria-label="Show" className="mb-4 flex gap-4 text-sm">
        <Link href="/admin/integration" aria-current={filter === "attention" ? "page" : undefined} className={filter === "attention" ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}>
          Needs attention
        </Link>
        <Link href="/admin/integration?show=all" aria-current={filter === "all" ? "page" : undefined} className={filter === "all" ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}>
          All callbacks
        </Link>
      </nav>
      <Card>
        {items.length === 0 ? (
          <EmptyState title={filter === "attention" ? "Nothing needs attention" : "No callbacks yet"}>
            {filter === "attention" ? "Every callback so far was processed." : "Callbacks appear here as providers send them."}
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Callback deliveries</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2.5 font-medium">Received</th>
                <th scope="col" className="px-5 py-2.5 font-medium">Provider · contract</th>
                <th scope="col" className="px-5 py-2.5 font-medium">Outcome</th>
                <th scope="col" className="px-5 py-2.5 font-medium">Detail</th>
                <th scope="col" className="px-5 py-2.5"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => {
                const outcome = OUTCOMES[item.outcome ?? "pending"] ?? { label: item.outcome ?? "", tone: "slate" as const };
                return (
                  <tr key={item.id} className="align-top">
                    <td className="whitespace-nowrap px-5 py-3 text-slate-600">{formatDateTime(item.receivedAt)}</td>
                    <td className="px-5 py-3">
                      <p>{item.provider?.name ?? "Unknown sender"}{item.verified ? <span className="ml-2"><Badge tone="emerald">Signed</Badge></span> : null}</p>
                      {item.contract ? <Link className="text-brand-700 hover:underline" href={`/contracts/${item.contract.id}`}>{item.contract.client.displayName}</Link> : <p className="text-slate-500">No matching contract</p>}
                    </td>
                    <td className="px-5 py-3">
                      <Badge tone={outcome.tone}>{outcome.label}</Badge>
                      <p className="mt-1 text-xs text-slate-500">{item.attempts} attempt{item.attempts === 1 ? "" : "s"}</p>
                    </td>
                    <td className="max-w-md px-5 py-3">
                      {item.lastError ? <p className="text-red-700">{item.lastError}</p> : null}
                      <code className="mt-1 block truncate text-xs text-slate-500" title={item.body}>{item.body}</code>
                    </td>
                    <td className="px-5 py-3 text-right">{item.contract && item.outcome !== "applied" && item.outcome !== "unchanged" ? <ReplayButton deliveryId={item.id} /> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
