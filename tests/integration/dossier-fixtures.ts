/** A contract with its whole history written as the engine and the advice part write it (rows, no mocks). */
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { decideTurn } from "@/lib/contracts/turn";
import type { TestUser } from "../factories";

const token = () => crypto.randomBytes(16).toString("hex");
export const sha = (value: string | Uint8Array) => crypto.createHash("sha256").update(value).digest("hex");

export async function makeProvider(organizationId: string) {
  const provider = await db().provider.create({
    data: { organizationId, name: `Provider ${token().slice(0, 6)}`, baseUrl: "http://127.0.0.1:1", consumerId: "test", publicKeyPem: "dummy-public", privateKeyEnc: "dummy-private" },
    select: { id: true, name: true },
  });
  const product = await db().product.create({ data: { providerId: provider.id, remoteId: token(), name: "Privathaftpflicht Komfort", line: "liability" }, select: { id: true, name: true } });
  return { provider, product };
}

export const PROPOSAL_V1 = "%PDF-1.4 proposal version one";
export const PROPOSAL_V2 = "%PDF-1.4 proposal version two";
export const POLICY = "%PDF-1.4 the policy";

/** A contract at `status` (320 by default) with two proposal versions, an approval, advice, consents, the order and a policy. */
export async function makeContractWithHistory(advisor: TestUser, clientId: string, options: { status?: number; at?: Date } = {}) {
  const status = options.status ?? 320;
  const start = options.at ?? new Date(Date.now() - 10 * 86_400_000);
  const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
  const { provider, product } = await makeProvider(advisor.organizationId);
  const contract = await db().contract.create({
    data: {
      ...decideTurn({ status, approvalState: "APPROVED" }),
      approvalState: "APPROVED",
      organizationId: advisor.organizationId,
      advisorId: advisor.id,
      clientId,
      providerId: provider.id,
      productId: product.id,
      status,
      remoteId: `ct_${token().slice(0, 16)}`,
      contractNumber: status >= 320 ? `PH-${token().slice(0, 6)}` : null,
      statusChangedAt: at(72),
      premium: "84.50",
      currency: "EUR",
      proposalVersion: 2,
      callbackToken: token(),
      data: { coverage: "family", deductible: 150 },
    },
    select: { id: true },
  });
  const v1 = await db().document.create({ data: { contractId: contract.id, remoteFileId: `f1-${token()}`, kind: "PROPOSAL", name: "Angebot v1.pdf", mime: "application/pdf", size: PROPOSAL_V1.length, sha256: sha(PROPOSAL_V1), bytes: Buffer.from(PROPOSAL_V1), proposalVersion: 1, createdAt: at(2) } });
  const v2 = await db().document.create({ data: { contractId: contract.id, remoteFileId: `f2-${token()}`, kind: "PROPOSAL", name: "Angebot v2.pdf", mime: "application/pdf", size: PROPOSAL_V2.length, sha256: sha(PROPOSAL_V2), bytes: Buffer.from(PROPOSAL_V2), proposalVersion: 2, createdAt: at(20) } });
  const policy = status >= 320 ? await db().document.create({ data: { contractId: contract.id, remoteFileId: `p-${token()}`, kind: "POLICY", name: "Police.pdf", mime: "application/pdf", size: POLICY.length, sha256: sha(POLICY), bytes: Buffer.from(POLICY), createdAt: at(72) } }) : null;
  await db().proposalVersion.createMany({
    data: [
      { contractId: contract.id, version: 1, premium: "90.00", currency: "EUR", fileId: v1.remoteFileId, at: at(2) },
      { contractId: contract.id, version: 2, premium: "84.50", currency: "EUR", fileId: v2.remoteFileId, at: at(20) },
    ],
  });
  const advicePdf = "%PDF-1.4 advice record v2";
  const advice1 = await db().adviceRecord.create({ data: { organizationId: advisor.organizationId, contractId: contract.id, version: 1, needs: "Cover for the family", advice: "Liability with family cover", reasons: "Two children", channel: "PHONE", locale: "en", createdById: advisor.id, createdAt: at(1) } });
  const advice2 = await db().adviceRecord.create({
    data: { organizationId: advisor.organizationId, contractId: contract.id, version: 2, needs: "Cover for the family, a dog", advice: "Liability with family and dog cover", reasons: "Two children and a dog", channel: "IN_PERSON", productsConsidered: ["Privathaftpflicht Basis", "Privathaftpflicht Komfort"], locale: "en", pdf: Buffer.from(advicePdf), sha256: sha(advicePdf), completedAt: at(21), createdById: advisor.id, createdAt: at(21) },
  });
  const approval = await db().approvalRequest.create({
    data: {
      contractId: contract.id,
      documentId: v2.id,
      channel: "LINK",
      status: "APPROVED",
      proposalVersion: 2,
      documentSha256: v2.sha256,
      adviceRecordId: advice2.id,
      adviceSha256: advice2.sha256,
      tokenHash: token(),
      email: "customer@example.com",
      expiresAt: at(190),
      usedAt: at(30),
      decidedAt: at(30),
      decidedName: "Erika Mustermann",
      createdById: advisor.id,
      createdAt: at(22),
      evidence: { decision: "approved", ip: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", shown: { locale: "en", statement: "I approve this proposal and the advice record.", summary: [{ label: "Premium", value: "€84.50 monthly" }] } },
    },
  });
  const consentGiven = await db().consent.create({ data: { organizationId: advisor.organizationId, clientId, purpose: "PROVIDER_SHARING", source: "CUSTOMER_LINK", text: "I agree that my data is shared with the provider.", locale: "en", givenAt: at(30), approvalRequestId: approval.id, evidence: { ip: "203.0.113.7", userAgent: "Firefox" } } });
  const consentWithdrawn = await db().consent.create({ data: { organizationId: advisor.organizationId, clientId, purpose: "CONTACT_PHONE", source: "ADVISOR", text: "You may call me about my contracts.", locale: "en", givenAt: at(1), recordedById: advisor.id, withdrawnAt: at(40), withdrawnById: advisor.id, withdrawalSource: "ADVISOR" } });
  const events = [
    { fromStatus: 0, toStatus: 120, source: "ADVISOR" as const, actorId: advisor.id, at: at(1) },
    { fromStatus: 120, toStatus: 130, source: "CALLBACK" as const, at: at(2) },
    { fromStatus: 130, toStatus: 230, source: "ADVISOR" as const, actorId: advisor.id, at: at(31) },
    ...(status >= 320 ? [{ fromStatus: 230, toStatus: 320, source: "POLL" as const, at: at(72) }] : []),
  ];
  await db().contractEvent.createMany({ data: events.map((event) => ({ contractId: contract.id, kind: "status", ...event })) });
  await db().contractEvent.create({ data: { contractId: contract.id, kind: "approval.approved", toStatus: 130, source: "CUSTOMER", actorLabel: "Erika Mustermann", at: at(30) } });
  return { contractId: contract.id, provider, product, documents: { v1, v2, policy }, advice: [advice1, advice2], approval, consents: { given: consentGiven, withdrawn: consentWithdrawn } };
}
