/**
 * Demo tasks (issue 14, office): Ben's clients get three real proposals at the sandbox, so his
 * task list, the back office's and the admin's show something on first start: Lena Fischer's
 * liability proposal misses data (110, dated back four days, so it is overdue), her household
 * proposal comes back from the provider as a proposal nobody has sent yet (130), and Karl
 * Hoffmann's term life is declined by the provider's age rule (420). The 130 and 420 arrive by
 * the sandbox's callback or the pending poll when the portal starts. Ben is not used by the
 * browser tests, so their counts are untouched. Skipped quietly when the sandbox is not up.
 */
import crypto from "node:crypto";
import { db } from "../lib/db";
import { createProposal } from "../lib/contracts/create-proposal";

type Advisor = { id: string; organizationId: string; role: "ADMIN" | "ADVISOR" | "BACK_OFFICE"; name: string };

const DAY = 86_400_000;

export async function seedOfficeDemo(advisor: Advisor): Promise<void> {
  try {
    const products = await db().product.findMany({ where: { provider: { organizationId: advisor.organizationId } }, select: { id: true, name: true } });
    const product = (name: string) => products.find((p) => p.name === name);
    const clients = await db().client.findMany({ where: { ownerId: advisor.id }, select: { id: true, lastName: true } });
    const client = (lastName: string) => clients.find((c) => c.lastName === lastName);
    const liability = product("Private Liability");
    const household = product("Home Contents Plus");
    const life = product("Term Life");
    const lena = client("Fischer");
    const karl = client("Hoffmann");
    if (!liability || !household || !life || !lena || !karl) return;

    const missingData = await createProposal(advisor, { clientId: lena.id, productId: liability.id, data: { coverage: "5000000" }, allowMissing: true, requestKey: crypto.randomUUID() });
    await createProposal(advisor, { clientId: lena.id, productId: household.id, data: { livingArea: "85", sumInsured: "60000", postalCode: "01069", buildingType: "apartment", startDate: "2027-01-01" }, requestKey: crypto.randomUUID() });
    await createProposal(advisor, { clientId: karl.id, productId: life.id, data: { coverAmount: "100000", termYears: "10", smoker: "false", startDate: "2027-01-01" }, requestKey: crypto.randomUUID() });

    // The missing data was reported four days ago: an overdue task in the demo.
    const earlier = new Date(Date.now() - 4 * DAY);
    await db().contract.update({ where: { id: missingData.contractId }, data: { statusChangedAt: earlier, createdAt: earlier } });
    await db().contractEvent.updateMany({ where: { contractId: missingData.contractId }, data: { at: earlier } });
  } catch (error) {
    console.warn(`Demo tasks not created (${error instanceof Error ? error.message : String(error)}); everything else is seeded.`);
  }
}
