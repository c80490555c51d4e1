import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { ClientForm } from "@/components/clients/client-form";
import { Card, PageHeader } from "@/components/ui/layout";
import { createClientAction } from "../actions";

export const metadata: Metadata = { title: "New client" };

export default async function NewClientPage() {
  await requirePageUser({ next: "/clients/new" });
  return (
    <div className="max-w-3xl">
      <PageHeader title="New client" back={<Link href="/clients" className="text-slate-600 hover:underline">← Clients</Link>} description="The details providers need for a proposal. You can complete them later." />
      <Card className="p-6">
        <ClientForm submitLabel="Save client" cancelHref="/clients" action={createClientAction} />
      </Card>
    </div>
  );
}
