import assert from "node:assert/strict";
import { callbackBodySchema } from "../../callback";
import { KNOWN_CONTRACT_STATUSES } from "../../status";
import { verifyWebhook } from "../../webhook-signature";
import {
  completeData,
  createContract,
  createPerson,
  expectOk,
  expectStatus,
  flowProduct,
  getContract,
  idOf,
  justAfter,
  mentions,
  patchContract,
  readIds,
  waitForContract,
  type Check,
  type CheckContext,
} from "../context";

async function expectPdf(ctx: CheckContext, fileId: string | undefined, what: string) {
  assert.ok(fileId, `${what}: no file id on the contract`);
  const [file] = expectOk(await ctx.client.get("/v1/file-list", { "id-list": fileId }), 200, "file-list") as Record<string, unknown>[];
  assert.equal(idOf(file?.id), fileId, `${what}: file-list does not return the file`);
  ctx.observed.files.push(file!);
  const content = await ctx.client.get("/v1/file-content", { id: fileId });
  assert.equal(content.status, 200, `${what}: file-content answered ${content.status}`);
  assert.equal(content.bytes.subarray(0, 5).toString("latin1"), "%PDF-", `${what}: not a PDF`);
}

/** The status a callback body reports, wherever it sits (`status`, or inside `data`). */
function statusIn(body: unknown): number | undefined {
  if (!body || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  const value = record.status ?? (record.data as Record<string, unknown> | undefined)?.status;
  const status = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
  return status;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const KNOWN = new Set<number>(KNOWN_CONTRACT_STATUSES);

export const flowChecks: Check[] = [
  {
    id: "flow.missing-data",
    title: "a proposal request without the required data reaches 110 (at once or later)",
    kind: "spec",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const created = await createContract(ctx, { holderId: holder.id, productId: product.id, data: {} });
      ctx.observed.missingDataAtOnce = created.status === 110;
      const contract = created.status === 110 ? created : await waitForContract(ctx, created.id, (c) => c.status === 110, "110");
      ctx.observed.missingDataNote = { note: contract.statusNote, required: product.fields.filter((field) => field.required).map((field) => field.name) };
    },
  },
  {
    id: "flow.missing-data-at-once",
    title: "missing data is answered with 110 at once",
    kind: "convention",
    needs: ["flow"],
    adapts: "The portal follows the contract to 110 whenever it comes (callback, poll or sync) and then asks the advisor for the data.",
    async run(ctx) {
      assert.ok(ctx.observed.missingDataAtOnce !== undefined, "flow.missing-data did not run");
      assert.ok(ctx.observed.missingDataAtOnce, "the provider answers 120 first and moves to 110 after a while");
    },
  },
  {
    id: "flow.missing-data-note",
    title: "the 110 statusNote names the missing fields",
    kind: "convention",
    needs: ["flow"],
    adapts: "The portal shows the provider's note as it is and asks for every required field that is still empty.",
    async run(ctx) {
      const seen = ctx.observed.missingDataNote;
      assert.ok(seen, "flow.missing-data did not run");
      const unnamed = seen.required.filter((name) => !seen.note?.includes(name));
      assert.ok(unnamed.length === 0, `the provider's 110 note "${seen.note ?? ""}" does not name ${unnamed.join(", ")}`);
    },
  },
  {
    id: "flow.full",
    title: "full flow 120 → 110 → 120 → 130 → 120 (v2) → 130 → 230 → … → 320, with documents and callbacks",
    kind: "spec",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const callback = ctx.listener.url();
      const data = completeData(product);
      const [firstField, ...rest] = Object.keys(data);
      const partial = Object.fromEntries(rest.map((name) => [name, data[name]]));

      const created = await createContract(ctx, { holderId: holder.id, productId: product.id, data: partial, callback, _conformanceRef: "flow-1" });
      ctx.observed.flowContractId = created.id;
      assert.equal(created.holderId, holder.id);
      const waiting = created.status === 110 ? created : await waitForContract(ctx, created.id, (c) => c.status === 110, "110");
      assert.ok(waiting.updatedAt >= created.updatedAt, "updatedAt moved backwards");

      const resumed = await patchContract(ctx, { id: created.id, status: 120, data: { [firstField!]: data[firstField!] } });
      assert.ok([110, 120, 130].includes(resumed.status), `after completing the data: ${resumed.status}`);
      const proposed = await waitForContract(ctx, created.id, (c) => c.status === 130, "a proposal (130)");
      assert.ok(proposed.proposalFileId, "130 without a proposal file id");
      await expectPdf(ctx, proposed.proposalFileId, "proposal v1");
      assert.ok(proposed.updatedAt >= waiting.updatedAt, "updatedAt moved backwards");

      await patchContract(ctx, { id: created.id, status: 120, data: { [firstField!]: data[firstField!] } });
      const second = await waitForContract(ctx, created.id, (c) => c.status === 130 && c.proposalFileId !== proposed.proposalFileId, "proposal version 2");
      if (proposed.proposalVersion !== undefined) assert.equal(second.proposalVersion, proposed.proposalVersion + 1, "a changed proposal did not get the next version");
      await expectPdf(ctx, second.proposalFileId, "proposal v2");

      const orderedAt = Date.now();
      const ordered = await patchContract(ctx, { id: created.id, status: 230 });
      assert.ok(ordered.status >= 200 && ordered.status < 400, `after ordering: ${ordered.status}`);
      const active = await waitForContract(ctx, created.id, (c) => c.status === 320 || (c.status >= 300 && c.status < 400) || (!KNOWN.has(c.status) && c.policyFileId !== undefined), "active (320)");
      assert.ok(active.contractNumber, "an active contract without a contract number");
      await expectPdf(ctx, active.policyFileId, "policy");
      // Watch a little longer: some providers move an active contract on (to codes of their own).
      const reviewMs = Date.now() - orderedAt;
      const until = Date.now() + Math.min(4 * reviewMs + 500, 5000);
      while (Date.now() < until) {
        await getContract(ctx, created.id);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }

      const callbacks = await ctx.listener
        .waitFor(callback, (list) => list.some((c) => statusIn(parse(c.body)) === 320), ctx.config.stepTimeoutMs, "the 320 callback")
        .catch(() => ctx.listener.for(callback));
      assert.ok(callbacks.length > 0, "no callback arrived");
      for (const received of callbacks) {
        ctx.observed.callbackBodies.push(received.body);
        assert.ok(mentions(parse(received.body), created.id), `a callback does not name the contract: ${received.body.slice(0, 200)}`);
        if (ctx.config.webhookSecret && received.headers["webhook-signature"]) {
          const verified = verifyWebhook({ headers: received.headers, body: received.body, secret: ctx.config.webhookSecret });
          assert.ok(verified.ok, `callback signature invalid: ${JSON.stringify(verified)}`);
        }
      }
    },
  },
  {
    id: "flow.status-codes",
    title: "a contract moves only through FINUM.md's status codes on its way to 320 and stays at 320",
    kind: "convention",
    needs: ["flow"],
    adapts: "Unknown codes are stored and shown by their hundreds digit (1xx proposal, 2xx ordering, 3xx in force, 4xx ended); the flow goes on.",
    async run(ctx) {
      const id = ctx.observed.flowContractId;
      assert.ok(id, "flow.full did not run");
      const sequence: number[] = [];
      for (const record of ctx.observed.contracts) {
        if (idOf(record.id) !== id) continue;
        const status = Number(record.status);
        if (sequence.at(-1) !== status) sequence.push(status);
      }
      for (const body of ctx.observed.callbackBodies) {
        const status = statusIn(parse(body));
        if (status !== undefined && !sequence.includes(status)) sequence.push(status);
      }
      const firstActive = sequence.indexOf(320);
      const before = sequence.filter((status, index) => !KNOWN.has(status) && (firstActive < 0 || index < firstActive));
      const after = sequence.filter((status, index) => !KNOWN.has(status) && firstActive >= 0 && index > firstActive);
      const found = [...(before.length ? [`passes through ${[...new Set(before)].join(", ")} on the way to 320`] : []), ...(after.length ? [`moves on to ${[...new Set(after)].join(", ")} after 320`] : [])];
      assert.ok(found.length === 0, `the provider's contract ${found.join(" and ")}`);
    },
  },
  {
    id: "callbacks.body",
    title: "callback bodies are { recordType, id, status, updatedAt } and report the new status",
    kind: "convention",
    needs: ["flow"],
    adapts: "A callback is a trigger only: the portal re-reads the contract and never trusts the body's status or updatedAt.",
    async run(ctx) {
      assert.ok(ctx.observed.callbackBodies.length > 0, "flow.full received no callbacks");
      const extra = new Set<string>();
      for (const text of ctx.observed.callbackBodies) {
        const body = parse(text);
        assert.ok(callbackBodySchema.safeParse(body).success, `the provider's callback body is ${text.slice(0, 200)}`);
        for (const key of Object.keys(body as object)) if (!["recordType", "id", "status", "updatedAt"].includes(key)) extra.add(key);
      }
      assert.ok(extra.size === 0, `the provider's callback bodies carry more fields: ${[...extra].join(", ")}`);
    },
  },
  {
    id: "flow.invalid-transitions",
    title: "moves the flow does not allow are rejected and change nothing; an unknown contract is rejected",
    kind: "spec",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const waiting = await createContract(ctx, { holderId: holder.id, productId: product.id, data: {} });
      await waitForContract(ctx, waiting.id, (c) => c.status === 110, "110");
      expectStatus(await ctx.client.request("PATCH", "/v1/contract", { body: { id: waiting.id, status: 230 } }), [400, 409, 422], "ordering a contract without a proposal");
      expectStatus(await ctx.client.request("PATCH", "/v1/contract", { body: { id: waiting.id, status: 320 } }), [400, 403, 409, 422], "a consumer setting 320");
      expectStatus(await ctx.client.request("PATCH", "/v1/contract", { body: { id: "no-such-contract", status: 120 } }), [400, 404, 422], "unknown contract");
      const unchanged = await getContract(ctx, waiting.id);
      assert.equal(unchanged.status, 110, "a rejected transition changed the contract");
    },
  },
  {
    id: "flow.conflict-status",
    title: "an invalid transition is 409 and an unknown contract 404",
    kind: "convention",
    adapts: "The portal shows the provider's message for any 4xx of a write.",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const waiting = await createContract(ctx, { holderId: holder.id, productId: product.id, data: {} });
      await waitForContract(ctx, waiting.id, (c) => c.status === 110, "110");
      const order = await ctx.client.request("PATCH", "/v1/contract", { body: { id: waiting.id, status: 230 } });
      const unknown = await ctx.client.request("PATCH", "/v1/contract", { body: { id: "no-such-contract", status: 120 } });
      const found = [...(order.status !== 409 ? [`${order.status} for an invalid transition`] : []), ...(unknown.status !== 404 ? [`${unknown.status} for an unknown contract`] : [])];
      assert.ok(found.length === 0, `the provider answers ${found.join(" and ")}`);
    },
  },
  {
    id: "flow.withdraw",
    title: "a withdrawn contract is 430 and cannot be ordered afterwards; it is still transferred",
    kind: "convention",
    adapts: "Withdrawal is offered only where the provider accepts it; a rejection is shown to the advisor.",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const created = await createContract(ctx, { holderId: holder.id, productId: product.id, data: completeData(product) });
      await waitForContract(ctx, created.id, (c) => c.status === 130, "130");
      const withdrawn = await patchContract(ctx, { id: created.id, status: 430 });
      assert.equal(withdrawn.status, 430);
      expectStatus(await ctx.client.request("PATCH", "/v1/contract", { body: { id: created.id, status: 230 } }), [400, 409, 422], "ordering a withdrawn contract");
      const listed = expectOk(await ctx.client.get("/v1/contract-list", { "holder-id": holder.id }), 200, "contracts of holder") as { id: unknown; status: unknown }[];
      assert.deepEqual(listed.map((c) => [idOf(c.id), Number(c.status)]), [[created.id, 430]], "ended contracts are still transferred with their status");
    },
  },
  {
    id: "flow.since",
    title: "the since contract: ids changed at or after since, inclusive, and later changes show up again",
    kind: "spec",
    async run(ctx) {
      const holder = await createPerson(ctx);
      const ids = async (type: string, since: string) => readIds(expectOk(await ctx.client.get(`/v1/${type}-id-list-updated`, { since }), 200, `${type} ids since ${since}`), "ids");
      assert.ok((await ids("client", holder.updatedAt)).includes(holder.id), "since equal to updatedAt must include the record");
      assert.ok(!(await ids("client", justAfter(holder.updatedAt))).includes(holder.id), "a record not changed since must not be listed");

      const product = await flowProduct(ctx);
      const contract = await createContract(ctx, { holderId: holder.id, productId: product.id, data: {} });
      const settled = await waitForContract(ctx, contract.id, (c) => c.status === 110, "110");
      const pullStart = justAfter(String(settled.raw.updatedAt));
      // A provider that stamps whole seconds needs the clock past that second before the change.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(pullStart) - Date.now() + 5)));
      const quiet = await ids("contract", pullStart);
      await patchContract(ctx, { id: contract.id, status: 120, data: completeData(product) });
      const changed = await ids("contract", pullStart);
      assert.ok(!quiet.includes(contract.id) && changed.includes(contract.id), "a changed contract must appear in the next pull");
      assert.ok((await ids("contract", pullStart.replace("Z", "+00:00"))).includes(contract.id), "since with an explicit +00:00 offset");
    },
  },
];
