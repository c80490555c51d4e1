import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { getContractView } from "@/lib/contracts/contract-view";
import { AppError } from "@/lib/errors";
import { ContractScreen } from "@/components/contracts/contract-screen";

export const metadata: Metadata = { title: "Contract" };

// The first paint from the server; afterwards the browser keeps the same snapshot current
// through one query (GET /contracts/<id>/view) instead of re-rendering this page.
export default async function ContractPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser({ next: `/contracts/${id}` });
  const view = await getContractView(user, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return <ContractScreen key={view.id} initial={view} />;
}
