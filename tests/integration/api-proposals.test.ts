import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db";
import { pollPendingContracts } from "@/lib/sync/poll-pending";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { makeFirm } from "../factories";
import { connectFirmToSandbox, eventually } from "../sandbox";
import { ALL_SCOPES, apiClientWithToken, call, callJson } from "./api-support";
import { startReceiver } from "./webhook-receiver";
import { readStoredText } from "@/lib/i18n/stored-text";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const fullData = { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-01-01" };

interface ContractOut {
  id: string;
  status: number;
  proposalVersion: number;
  turn: string;
}

async function setup() {
  const firm = await makeFirm();
  await connectFirmToSandbox(firm.admin);
  const api = await apiClientWithToken(firm.admin, { scopes: ALL_SCOPES, actingUserId: firm.advisor.id });
  const products = await callJson<{ data: Array<{ id: string; name: string; fields: Array<{ name: string }> }> }>("GET", "/api/v1/products", { token: api.token });
  const product = products.body.data.find((entry) => entry.name === "Private Liability")!;
  return { ...firm, api, product };
}

describe("a remote system runs a proposal through the API", () => {
  it("creates a client, sends a proposal, follows it by webhook to 130, and orders it", async () => {
    const { admin, advisor, api, product } = await setup();
    expect(product.fields.map((field) => field.name)).toContain("coverage");
    const hook = await createWebhookEndpoint(admin, { url: receiver.url, events: ["contract.status_changed", "contract.turn_changed", "document.added"] });
    const token = api.token;

    const client = await callJson<{ id: string; ownerId: string }>("POST", "/api/v1/clients", { token, body: { kind: "PERSON", firstName: "Erika", lastName: "Api", email: "erika.api@example.com", birthDate: "1980-05-17" }, headers: { "idempotency-key": crypto.randomUUID() } });
    expect(client.status).toBe(201);
    expect(client.body.ownerId).toBe(advisor.id);

    // The client's consent to share their data with the provider, recorded through the API (issue 14).
    const consent = await callJson<{ created: boolean; consent: { id: string; source: string; purpose: string; locale: string; text: string } }>("POST", `/api/v1/clients/${client.body.id}/consents`, { token, body: { purpose: "PROVIDER_SHARING", locale: "en" }, headers: { "idempotency-key": crypto.randomUUID() } });
    expect(consent).toMatchObject({ status: 201, body: { created: true, consent: { source: "API", purpose: "PROVIDER_SHARING", locale: "en", text: expect.stringMatching(/^I agree that .* passes the data needed/) } } });
    expect((await callJson("POST", `/api/v1/clients/${client.body.id}/consents`, { token, body: { purpose: "PROVIDER_SHARING" } })).status).toBe(200);
    expect(await callJson("POST", `/api/v1/clients/${client.body.id}/consents`, { token, body: { purpose: "NEWSLETTER" } })).toMatchObject({ status: 422, body: { code: "VALIDATION" } });
    const listed = await callJson<{ data: Array<{ id: string }> }>("GET", `/api/v1/clients/${client.body.id}/consents`, { token });
    expect(listed.body.data.map((entry) => entry.id)).toEqual([consent.body.consent.id]);

    const key = crypto.randomUUID();
    const body = { clientId: client.body.id, productId: product.id, data: fullData };
    const proposal = await callJson<{ contract: ContractOut; send: { sent: boolean } }>("POST", "/api/v1/proposals", { token, body, headers: { "idempotency-key": key } });
    expect(proposal.status).toBe(201);
    expect(proposal.body.send).toEqual({ sent: true });
    expect(proposal.body.contract.status).toBe(120);
    const contractId = proposal.body.contract.id;
    // A retried POST (say, after a timeout) answers the same and makes no second contract.
    const retried = await callJson<{ contract: ContractOut }>("POST", "/api/v1/proposals", { token, body, headers: { "idempotency-key": key } });
    expect(retried.body.contract.id).toBe(contractId);
    expect(await db().contract.count({ where: { clientId: client.body.id } })).toBe(1);

    await eventually(async () => {
      await pollPendingContracts({ olderThanSeconds: 0 });
      return (await callJson<ContractOut>("GET", `/api/v1/contracts/${contractId}`, { token })).body.status === 130;
    }, 15_000, "status 130");

    // The webhooks say so, signed; the payload carries ids and the receiver re-reads through the API.
    await deliverDueWebhooks({ organizationId: admin.organizationId });
    const mine = receiver.received.filter((entry) => entry.body.includes(contractId));
    const events = mine.map((entry) => new Webhook(hook.secret).verify(entry.body, entry.headers) as { type: string; data: { to?: number | string } });
    expect(events).toContainEqual(expect.objectContaining({ type: "contract.status_changed", data: expect.objectContaining({ contractId, to: 130 }) }));
    expect(events).toContainEqual(expect.objectContaining({ type: "contract.turn_changed", data: expect.objectContaining({ contractId, to: "ADVISOR" }) }));
    expect(events.some((event) => event.type === "document.added")).toBe(true);

    const documents = await callJson<{ data: Array<{ id: string; kind: string; sha256: string; contentUrl: string }> }>("GET", `/api/v1/contracts/${contractId}/documents`, { token });
    const proposalDocument = documents.body.data.find((entry) => entry.kind === "PROPOSAL")!;
    const content = await call("GET", proposalDocument.contentUrl, { token });
    expect(content.status).toBe(200);
    const bytes = Buffer.from(await content.arrayBuffer());
    expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(proposalDocument.sha256);
    expect(content.headers.get("etag")).toBe(`"${proposalDocument.sha256}"`);

    const early = await callJson("POST", `/api/v1/contracts/${contractId}/order`, { token, body: {} });
    expect(early).toMatchObject({ status: 409, body: { code: "CONFLICT" } });
    const evidence = { name: "signed.pdf", contentType: "application/pdf", contentBase64: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").toString("base64") };
    const missing = await callJson("POST", `/api/v1/contracts/${contractId}/approvals`, { token, body: { approvedBy: "Erika Api", approvedAt: new Date().toISOString(), method: "phone" } });
    expect(missing.status).toBe(422); // evidence is required
    const approval = await callJson("POST", `/api/v1/contracts/${contractId}/approvals`, { token, body: { approvedBy: "Erika Api", approvedAt: new Date().toISOString(), method: "phone", evidence } });
    expect(approval).toMatchObject({ status: 409, body: { code: "CONFLICT" } }); // no advice record yet
    // The advice record, through the API: a draft, then the completed version with its PDF.
    const draft = await callJson<{ version: number; state: string }>("POST", `/api/v1/contracts/${contractId}/advice`, { token, body: { channel: "PHONE", needs: "Family liability" } });
    expect(draft).toMatchObject({ status: 201, body: { version: 1, state: "draft" } });
    expect(await callJson("POST", `/api/v1/contracts/${contractId}/advice/complete`, { token, body: { channel: "PHONE", needs: "Family liability" } })).toMatchObject({ status: 422, body: { code: "VALIDATION", errors: expect.objectContaining({ advice: expect.any(Array) }) } });
    const advice = await callJson<{ version: number; state: string; sha256: string; pdfUrl: string }>("POST", `/api/v1/contracts/${contractId}/advice/complete`, {
      token,
      body: { channel: "PHONE", needs: "Family liability", productsConsidered: ["Private Liability"], advice: "Private Liability, 5 million", reasons: "Covers the family" },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(advice).toMatchObject({ status: 201, body: { version: 2, state: "completed", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const advicePdf = await call("GET", advice.body.pdfUrl, { token });
    expect(advicePdf.status).toBe(200);
    expect(crypto.createHash("sha256").update(Buffer.from(await advicePdf.arrayBuffer())).digest("hex")).toBe(advice.body.sha256);
    const versions = await callJson<{ ready: boolean; data: Array<{ version: number }> }>("GET", `/api/v1/contracts/${contractId}/advice`, { token });
    expect(versions.body).toMatchObject({ ready: true, data: [{ version: 2 }, { version: 1 }] });
    const bound = await callJson<{ approvalId: string }>("POST", `/api/v1/contracts/${contractId}/approvals`, { token, body: { approvedBy: "Erika Api", approvedAt: new Date().toISOString(), method: "phone", evidence } });
    expect(bound.status).toBe(201);
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: bound.body.approvalId } })).adviceSha256).toBe(advice.body.sha256);
    const ordered = await callJson<ContractOut>("POST", `/api/v1/contracts/${contractId}/order`, { token, body: { proposalVersion: 1 }, headers: { "idempotency-key": crypto.randomUUID() } });
    expect(ordered.status).toBe(200);
    expect([230, 240]).toContain(ordered.body.status);

    const timeline = await callJson<{ data: Array<{ toStatus: number; kind: string }> }>("GET", `/api/v1/contracts/${contractId}/events`, { token });
    const statuses = timeline.body.data.filter((event) => event.kind === "status").map((event) => event.toStatus);
    expect(statuses.slice(0, 3)).toEqual([0, 120, 130]);
    expect(statuses).toContain(230);

    // Another organization's token does not see it; a token without contracts:write cannot act.
    const other = await makeFirm();
    const foreign = await apiClientWithToken(other.admin, { scopes: ALL_SCOPES });
    expect((await call("GET", `/api/v1/contracts/${contractId}`, { token: foreign.token })).status).toBe(404);
    expect((await call("GET", `/api/v1/contracts/${contractId}/documents/${proposalDocument.id}/content`, { token: foreign.token })).status).toBe(404);
    const readOnly = await apiClientWithToken(admin, { scopes: ["contracts:read"] });
    expect((await callJson("POST", `/api/v1/contracts/${contractId}/order`, { token: readOnly.token, body: {} })).body).toMatchObject({ code: "INSUFFICIENT_SCOPE" });
  }, 60_000);

  it("completes missing data with /resubmit and emails an approval link with /approval-requests", async () => {
    const { api, product } = await setup();
    const token = api.token;
    const client = await callJson<{ id: string }>("POST", "/api/v1/clients", { token, body: { kind: "PERSON", firstName: "Rita", lastName: "Resubmit", email: "rita@example.com", birthDate: "1970-01-02" } });
    const refused = await callJson<{ contract: ContractOut; send: { sent: boolean; code?: string } }>("POST", "/api/v1/proposals", { token, body: { clientId: client.body.id, productId: product.id, data: { family: "false" }, allowMissing: true } });
    expect(refused.body).toMatchObject({ contract: { status: 0 }, send: { sent: false, code: "CONFLICT" } }); // no sharing consent: it stays a draft
    const proposal = await callJson<{ contract: ContractOut }>("POST", "/api/v1/proposals", { token, body: { clientId: client.body.id, productId: product.id, data: { family: "false" }, allowMissing: true, providerSharingConsent: { given: true, locale: "de" } } });
    expect(await db().consent.findFirst({ where: { clientId: client.body.id, purpose: "PROVIDER_SHARING" } })).toMatchObject({ source: "API", locale: "de" });
    expect(proposal.body.contract.status).toBe(110);
    const contractId = proposal.body.contract.id;

    const incomplete = await callJson("POST", `/api/v1/contracts/${contractId}/resubmit`, { token, body: { data: { family: "false" } } });
    expect(incomplete).toMatchObject({ status: 422, body: { code: "VALIDATION", errors: expect.objectContaining({ coverage: expect.any(Array) }) } });
    const resubmitted = await callJson<ContractOut>("POST", `/api/v1/contracts/${contractId}/resubmit`, { token, body: { data: fullData } });
    expect(resubmitted).toMatchObject({ status: 200, body: { status: 120 } });

    await eventually(async () => {
      await pollPendingContracts({ olderThanSeconds: 0 });
      return (await callJson<ContractOut>("GET", `/api/v1/contracts/${contractId}`, { token })).body.status === 130;
    }, 15_000, "status 130");
    expect(await callJson("POST", `/api/v1/contracts/${contractId}/approval-requests`, { token })).toMatchObject({ status: 409, body: { code: "CONFLICT" } }); // no advice yet
    expect(await callJson("POST", `/api/v1/contracts/${contractId}/advice/waive`, { token, body: { channel: "IN_PERSON" } })).toMatchObject({ status: 422 });
    expect(await callJson("POST", `/api/v1/contracts/${contractId}/advice/waive`, { token, body: { channel: "IN_PERSON", waiverReason: "Signed the separate waiver" } })).toMatchObject({ status: 201, body: { state: "waived" } });
    const sent = await callJson<{ approvalId: string; email: string; expiresAt: string }>("POST", `/api/v1/contracts/${contractId}/approval-requests`, { token });
    expect(sent).toMatchObject({ status: 201, body: { email: "rita@example.com", approvalId: expect.any(String) } });
    expect(await db().approvalRequest.count({ where: { contractId, status: "PENDING", channel: "LINK" } })).toBe(1);

    // A consent withdrawn through the API is kept, marked withdrawn.
    const given = await callJson<{ data: Array<{ id: string; purpose: string }> }>("GET", `/api/v1/clients/${client.body.id}/consents`, { token });
    const sharing = given.body.data.find((entry) => entry.purpose === "PROVIDER_SHARING")!;
    const withdrawnConsent = await callJson<{ withdrawnAt: string | null; withdrawalSource: string }>("POST", `/api/v1/clients/${client.body.id}/consents/${sharing.id}/withdraw`, { token });
    expect(withdrawnConsent).toMatchObject({ status: 200, body: { withdrawnAt: expect.any(String), withdrawalSource: "API" } });
    expect((await callJson<{ data: unknown[] }>("GET", `/api/v1/clients/${client.body.id}/consents`, { token })).body.data).toHaveLength(1);

    // Withdraw: the same use case as the contract page, with its reason.
    expect(await callJson("POST", `/api/v1/contracts/${contractId}/withdraw`, { token, body: {} })).toMatchObject({ status: 422 });
    const withdrawn = await callJson<ContractOut>("POST", `/api/v1/contracts/${contractId}/withdraw`, { token, body: { reason: "The customer chose another offer" } });
    expect(withdrawn).toMatchObject({ status: 200, body: { status: 430 } });
    const notes = await db().contractEvent.findMany({ where: { contractId, toStatus: 430 }, select: { note: true } });
    expect(notes.map((event) => readStoredText(event.note, "en"))).toEqual(["Withdrawn: The customer chose another offer"]);
  });

  it("creates clients and their proposals in one contract batch, per record or all or none", async () => {
    const { admin, api, product } = await setup();
    const token = api.token;
    const countClients = () => db().client.count({ where: { organizationId: admin.organizationId } });

    const invalid = await callJson<{ failed: number; results: Array<{ outcome: string; error?: { errors?: Record<string, string[]> } }> }>("POST", "/api/v1/contracts/batch", {
      token,
      body: {
        allOrNone: true,
        records: [
          { ref: "ok", client: { kind: "PERSON", firstName: "Berta", lastName: "Batch" }, productId: product.id, data: fullData },
          { ref: "bad", client: { kind: "PERSON", firstName: "No last name" }, productId: product.id, data: { coverage: "5000000" } },
        ],
      },
    });
    expect(invalid.status).toBe(200);
    expect(invalid.body.results.map((result) => result.outcome)).toEqual(["rolled_back", "error"]);
    expect(Object.keys(invalid.body.results[1]!.error!.errors!)).toEqual(expect.arrayContaining(["client.lastName"]));
    expect(await countClients()).toBe(0);

    const partial = await callJson<{ succeeded: number; failed: number; results: Array<{ ref: string; outcome: string; id?: string; clientId?: string }> }>("POST", "/api/v1/contracts/batch", {
      token,
      body: {
        records: [
          { ref: "new", client: { kind: "PERSON", firstName: "Berta", lastName: "Batch", birthDate: "1975-03-01" }, productId: product.id, data: fullData, providerSharingConsent: { given: true, locale: "en" } },
          { ref: "unknown-product", client: { kind: "COMPANY", companyName: "Nope AG" }, productId: "no-such-product", data: {} },
        ],
      },
    });
    expect(partial.body, JSON.stringify(partial.body.results)).toMatchObject({ succeeded: 1, failed: 1 });
    expect(partial.body.results[0]).toMatchObject({ ref: "new", outcome: "created", id: expect.any(String), clientId: expect.any(String) });
    expect(partial.body.results[1]).toMatchObject({ ref: "unknown-product", outcome: "error", error: { code: "NOT_FOUND" } });
    expect(await countClients()).toBe(1); // the failed record left no client behind
    const contract = await callJson<ContractOut>("GET", `/api/v1/contracts/${partial.body.results[0]!.id}`, { token });
    expect(contract.body.status).toBeGreaterThanOrEqual(110);
  });
});
