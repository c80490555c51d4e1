import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { countClients } from "@/lib/clients/queries";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";

export const metadata: Metadata = { title: "Pipeline" };

export default async function PipelinePage() {
  const user = await requirePageUser({ next: "/" });
  const clients = await countClients(user);
  return (
    <>
      <PageHeader
        title="Pipeline"
        description={`Good to see you, ${user.name.split(" ")[0]}. Every proposal you have in flight, by phase.`}
        actions={<ButtonLink href="/clients/new">New client</ButtonLink>}
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-4">
        {[
          ["Clients", clients],
          ["Proposals in progress", 0],
          ["Waiting for the customer", 0],
          ["Active contracts", 0],
        ].map(([label, value]) => (
          <Card key={label} className="px-5 py-4">
            <p className="text-sm text-slate-600">{label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
          </Card>
        ))}
      </div>
      <Card title="Proposals">
        <EmptyState
          title="No proposals yet"
          action={<ButtonLink href="/clients" variant="secondary">Go to your clients</ButtonLink>}
        >
          Proposals you request from providers appear here, grouped by phase, and update live as providers answer.
        </EmptyState>
      </Card>
    </>
  );
}
