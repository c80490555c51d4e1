import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getCustomerApproval } from "@/lib/approvals/customer-approval";
import { CustomerFrame } from "@/components/approvals/customer-frame";
import { LinkEndState } from "@/components/approvals/customer-states";

export const metadata: Metadata = { title: "Thank you" };

// Where the decision lands: thank-you (approved) or confirmation (declined). Read-only, like the link itself.
export default async function ApproveDonePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const view = await getCustomerApproval(token);
  if (view.status.state === "open") redirect(`/approve/${token}`);
  return (
    <CustomerFrame firmName={"firmName" in view ? view.firmName : undefined}>
      <LinkEndState view={view} token={token} justDecided />
    </CustomerFrame>
  );
}
