import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui/layout";
import { ProviderForm } from "@/components/provider-admin/provider-form";

export const metadata: Metadata = { title: "Register provider" };

export default async function NewProviderPage() {
  await requirePageUser({ admin: true, next: "/admin/providers/new" });
  return (
    <>
      <PageHeader
        title="Register provider"
        back={<Link href="/admin/providers" className="text-slate-600 hover:underline">← Providers</Link>}
        description="We generate a key pair for this provider. You send them the public key; the private key stays encrypted with us."
      />
      <Card className="max-w-2xl">
        <div className="p-5">
          <ProviderForm mode="create" />
        </div>
      </Card>
    </>
  );
}
