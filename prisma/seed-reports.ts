/**
 * Demo data for the reports and notification settings (issue 14, items 7 and 8): a history of
 * proposals over the last ten weeks, at two providers the firm once worked with (disabled, so
 * nothing is ever sent to them), each contract with its timeline as the engine writes it. The
 * reports then have something to show, and their figures can be counted by hand from the plan
 * below (tests/integration/reports-demo.test.ts does).
 */
import crypto from "node:crypto";
import { db } from "../lib/db";
import { decideTurn } from "../lib/contracts/turn";

type Step = number | "approved";
/** [what happened, days before the seed]; a draft is made three hours before its request. */
export interface DemoContract {
  advisor: "advisor" | "advisor2";
  client: string;
  provider: "nordstern" | "elbe";
  product: string;
  premium: string;
  timeline: Array<[Step, number]>;
}

export const DEMO_REPORT_PROVIDERS = {
  nordstern: { name: "Nordstern Versicherung", products: ["Hausrat Komfort", "Wohngebäude Basis"] },
  elbe: { name: "Elbe Leben", products: ["Risikoleben Plus"] },
} as const;

export const DEMO_REPORT_CONTRACTS: DemoContract[] = [
  { advisor: "advisor", client: "Maria", provider: "nordstern", product: "Hausrat Komfort", premium: "14.90", timeline: [[0, 60.125], [120, 60], [130, 58], ["approved", 57], [230, 56], [320, 50]] },
  { advisor: "advisor", client: "Jonas", provider: "nordstern", product: "Hausrat Komfort", premium: "9.80", timeline: [[0, 45.125], [120, 45], [130, 44], ["approved", 43], [230, 42], [320, 39]] },
  { advisor: "advisor", client: "Nordlicht", provider: "nordstern", product: "Wohngebäude Basis", premium: "61.20", timeline: [[0, 30.125], [120, 30], [110, 29], [120, 27], [130, 24]] },
  { advisor: "advisor", client: "Emily", provider: "elbe", product: "Risikoleben Plus", premium: "23.45", timeline: [[0, 20.125], [120, 20], [130, 15], ["approved", 14], [230, 13], [320, 8]] },
  { advisor: "advisor", client: "Maria", provider: "elbe", product: "Risikoleben Plus", premium: "31.00", timeline: [[0, 10.125], [120, 10], [130, 7], [420, 5]] },
  { advisor: "advisor", client: "Jonas", provider: "nordstern", product: "Wohngebäude Basis", premium: "48.00", timeline: [[0, 3]] },
  { advisor: "advisor2", client: "Lena", provider: "elbe", product: "Risikoleben Plus", premium: "27.60", timeline: [[0, 70.125], [120, 70], [130, 66], ["approved", 65], [230, 64], [320, 54], [410, 20]] },
  { advisor: "advisor2", client: "Karl", provider: "nordstern", product: "Wohngebäude Basis", premium: "75.10", timeline: [[0, 35.125], [120, 35], [130, 33], [430, 30]] },
  { advisor: "advisor2", client: "Lena", provider: "nordstern", product: "Hausrat Komfort", premium: "12.30", timeline: [[0, 12.125], [120, 12], [130, 11]] },
];

const DAY_MS = 86_400_000;

/** Seeds the plan for a firm whose demo people and clients exist (clients found by first or company name). */
export async function seedReportsDemo(organizationId: string, people: Record<"advisor" | "advisor2", string>, now = new Date()): Promise<void> {
  const providers: Record<string, { id: string; products: Record<string, string> }> = {};
  for (const [key, plan] of Object.entries(DEMO_REPORT_PROVIDERS)) {
    const provider = await db().provider.create({
      data: { organizationId, name: plan.name, baseUrl: `https://${key}.provider.invalid/finum`, consumerId: "hanse-finanz", publicKeyPem: "demo", privateKeyEnc: "demo", enabled: false },
      select: { id: true },
    });
    const products: Record<string, string> = {};
    for (const name of plan.products) products[name] = (await db().product.create({ data: { providerId: provider.id, remoteId: `demo-${crypto.randomUUID()}`, name, line: "demo", currency: "EUR" }, select: { id: true } })).id;
    providers[key] = { id: provider.id, products };
  }
  const clients = await db().client.findMany({ where: { organizationId }, select: { id: true, firstName: true, companyName: true, ownerId: true } });
  const clientOf = (name: string, ownerId: string) => clients.find((client) => client.ownerId === ownerId && (client.firstName === name || client.companyName?.startsWith(name)))!.id;
  let number = 0;
  for (const plan of DEMO_REPORT_CONTRACTS) {
    const advisorId = people[plan.advisor];
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
    let status = 0;
    let approved = false;
    const events: Array<{ kind: string; fromStatus: number | null; toStatus: number; at: Date; source: "ADVISOR" | "CALLBACK" | "CUSTOMER"; note?: string }> = [];
    for (const [step, daysAgo] of plan.timeline) {
      if (step === "approved") {
        approved = true;
        events.push({ kind: "approval.approved", fromStatus: status, toStatus: status, at: at(daysAgo), source: "CUSTOMER" });
        continue;
      }
      // The advisor drafts, requests, orders and withdraws; everything else is the provider's answer.
      const source = step === 0 || step === 120 || step === 230 || step === 430 ? "ADVISOR" : "CALLBACK";
      events.push({ kind: "status", fromStatus: events.length ? status : null, toStatus: step, at: at(daysAgo), source });
      status = step;
    }
    const provider = providers[plan.provider]!;
    const last = events[events.length - 1]!.at;
    const approvalState = approved ? "APPROVED" : "NONE";
    const contract = await db().contract.create({
      data: {
        ...decideTurn({ status, approvalState }),
        organizationId,
        providerId: provider.id,
        productId: provider.products[plan.product]!,
        clientId: clientOf(plan.client, advisorId),
        advisorId,
        status,
        approvalState,
        statusChangedAt: last,
        remoteId: status === 0 ? null : `demo-${crypto.randomUUID()}`,
        contractNumber: status >= 300 ? `NS-2026-${String(++number).padStart(4, "0")}` : null,
        premium: plan.premium,
        currency: "EUR",
        callbackToken: crypto.randomBytes(16).toString("hex"),
        createdAt: events[0]!.at,
      },
      select: { id: true },
    });
    await db().contractEvent.createMany({
      data: events.map((event) => ({ ...event, contractId: contract.id, actorId: event.source === "ADVISOR" ? advisorId : null })),
    });
  }
  // Ben hears of new proposals by email too; Anna keeps the defaults.
  await db().notificationPreference.create({ data: { userId: people.advisor2, event: "proposal-available", inApp: true, email: true } });
}
