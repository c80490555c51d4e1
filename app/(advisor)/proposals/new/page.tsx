import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getNewProposalOptions } from "@/lib/contracts/new-proposal-options";
import { getDuplicateSource } from "@/lib/contracts/queries";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ButtonLink } from "@/components/ui/button";
import { NewProposalWizard } from "@/components/proposals/new-proposal-wizard";

export const metadata: Metadata = { title: "New proposal" };

export default async function NewProposalPage({ searchParams }: { searchParams: Promise<{ client?: string; from?: string }> }) {
  const user = await requirePageUser({ next: "/proposals/new" });
  const { client, from } = await searchParams;
  const [options, duplicate] = await Promise.all([getNewProposalOptions(user), typeof from === "string" && from.length < 100 ? getDuplicateSource(user, from) : null]);
  const products = options.providers.reduce((count, provider) => count + provider.products.length, 0);
  return (
    <div className="max-w-4xl">
      <PageHeader title="New proposal" back={<Link href="/" className="text-slate-600 hover:underline">← Pipeline</Link>} description="Choose the client and the product, give the details the provider asks for, and send the request." />
      {options.clients.length === 0 ? (
        <Card>
          <EmptyState title="Capture a client first" action={<ButtonLink href="/clients/new">New client</ButtonLink>}>
            A proposal is always for a client.
          </EmptyState>
        </Card>
      ) : products === 0 ? (
        <Card>
          <EmptyState title="No products to offer yet">
            {user.role === "ADMIN" ? (
              <>
                Register a provider and load its products in <Link className="text-brand-700 underline" href="/admin/providers">Admin → Providers</Link>.
              </>
            ) : (
              "Ask an administrator to connect a provider and load its products."
            )}
          </EmptyState>
        </Card>
      ) : (
        <NewProposalWizard
          options={options}
          initialClientId={options.clients.some((c) => c.id === client) ? client : undefined}
          duplicate={duplicate && options.clients.some((c) => c.id === duplicate.clientId) ? duplicate : undefined}
        />
      )}
    </div>
  );
}
