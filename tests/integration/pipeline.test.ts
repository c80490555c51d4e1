import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decodePageToken, encodePageToken, getPipeline, type PipelineQueryInput } from "@/lib/contracts/pipeline";
import { getContractView } from "@/lib/contracts/contract-view";
import { decideTurn, type ApprovalState } from "@/lib/contracts/turn";
import { completeTestAdvice, makeClient, makeFirm, makeUser, type TestUser } from "../factories";

const token = () => crypto.randomBytes(16).toString("hex");

async function makeProvider(organizationId: string, name = `Provider ${token().slice(0, 6)}`) {
  return db().provider.create({
    data: { organizationId, name, baseUrl: "http://127.0.0.1:1", consumerId: "test", publicKeyPem: "dummy-public", privateKeyEnc: "dummy-private" },
    select: { id: true, name: true },
  });
}

async function makeProduct(providerId: string, name: string) {
  return db().product.create({ data: { providerId, remoteId: token(), name, line: "liability" }, select: { id: true, name: true } });
}

interface ContractSpec {
  advisor: TestUser;
  clientId: string;
  providerId: string;
  productId?: string;
  status: number;
  statusChangedAt?: Date;
  premium?: string;
  approvalState?: ApprovalState;
  duplicatedFromId?: string;
  hasSuccessor?: boolean;
}

/** A contract row with whose turn stored as the engine stores it (lib/contracts/turn.ts decides). */
async function makeContract(spec: ContractSpec) {
  const approvalState = spec.approvalState ?? "NONE";
  return db().contract.create({
    data: {
      ...decideTurn({ status: spec.status, approvalState, hasSuccessor: spec.hasSuccessor }),
      approvalState,
      duplicatedFromId: spec.duplicatedFromId ?? null,
      organizationId: spec.advisor.organizationId,
      advisorId: spec.advisor.id,
      clientId: spec.clientId,
      providerId: spec.providerId,
      productId: spec.productId ?? null,
      status: spec.status,
      // Sent contracts carry the provider's id; a draft does not.
      remoteId: spec.status === 0 ? null : `ct_${token().slice(0, 16)}`,
      statusChangedAt: spec.statusChangedAt ?? new Date(),
      premium: spec.premium ?? null,
      currency: spec.premium ? "EUR" : null,
      callbackToken: token(),
    },
    select: { id: true, statusChangedAt: true },
  });
}

/** Every row id of every page, following nextPageToken to the end. */
async function allPages(viewer: TestUser, query: Record<string, string>) {
  const ids: string[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await getPipeline(viewer, { ...query, ...(pageToken ? { pageToken } : {}) });
    ids.push(...page.rows.map((row) => row.id));
    pageToken = page.nextPageToken ?? undefined;
    if (++pages > 50) throw new Error("paging does not end");
  } while (pageToken);
  return { ids, pages };
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** A firm with two providers, clients of both advisors and contracts in several phases. */
async function seedFirm() {
  const firm = await makeFirm();
  const [alpha, beta] = await Promise.all([makeProvider(firm.org.id, "Alpha Versicherung"), makeProvider(firm.org.id, "Beta Leben")]);
  const product = await makeProduct(alpha.id, "Privathaftpflicht Komfort");
  const mine = await makeClient(firm.advisor, { firstName: "Maria", lastName: "Schneider" });
  const theirs = await makeClient(firm.otherAdvisor, { firstName: "Jonas", lastName: "Keller" });
  const c = {
    draft: await makeContract({ advisor: firm.advisor, clientId: mine.id, providerId: alpha.id, productId: product.id, status: 0, statusChangedAt: minutesAgo(10) }),
    needsData: await makeContract({ advisor: firm.advisor, clientId: mine.id, providerId: alpha.id, productId: product.id, status: 110, statusChangedAt: minutesAgo(20), premium: "89.90" }),
    available: await makeContract({ advisor: firm.advisor, clientId: mine.id, providerId: beta.id, status: 130, statusChangedAt: minutesAgo(30) }),
    active: await makeContract({ advisor: firm.advisor, clientId: mine.id, providerId: beta.id, status: 320, statusChangedAt: minutesAgo(40) }),
    colleagueRequested: await makeContract({ advisor: firm.otherAdvisor, clientId: theirs.id, providerId: alpha.id, status: 120, statusChangedAt: minutesAgo(5) }),
    colleagueOrdered: await makeContract({ advisor: firm.otherAdvisor, clientId: theirs.id, providerId: beta.id, status: 230, statusChangedAt: minutesAgo(50) }),
  };
  return { ...firm, alpha, beta, product, mine, theirs, c };
}

const ids = (page: { rows: Array<{ id: string }> }) => page.rows.map((row) => row.id);

describe("pipeline", () => {
  it("shows advisors their own contracts, admins their organization's, and never another organization's", async () => {
    const firm = await seedFirm();
    const other = await seedFirm();
    const { c } = firm;

    const advisorView = await getPipeline(firm.advisor);
    expect(ids(advisorView)).toEqual([c.draft.id, c.needsData.id, c.available.id, c.active.id]);
    expect(advisorView.options.advisors).toBeNull();

    // An advisor cannot widen the scope by asking for a colleague.
    const sneaky = await getPipeline(firm.advisor, { advisor: firm.otherAdvisor.id });
    expect(ids(sneaky)).toEqual(ids(advisorView));

    const adminView = await getPipeline(firm.admin);
    expect(ids(adminView)).toEqual([c.colleagueRequested.id, c.draft.id, c.needsData.id, c.available.id, c.active.id, c.colleagueOrdered.id]);
    expect(adminView.options.advisors?.map((advisor) => advisor.id).sort()).toEqual([firm.admin.id, firm.advisor.id, firm.otherAdvisor.id].sort());
    expect(adminView.options.providers.map((provider) => provider.name)).toEqual(["Alpha Versicherung", "Beta Leben"]);

    const foreignIds = Object.values(other.c).map((contract) => contract.id);
    expect(ids(adminView).some((id) => foreignIds.includes(id))).toBe(false);
    // Filters naming another organization's records find nothing rather than leaking them.
    expect((await getPipeline(firm.admin, { provider: other.alpha.id })).rows).toEqual([]);
    expect((await getPipeline(firm.admin, { advisor: other.advisor.id })).counts.total).toBe(0);
    expect((await getPipeline(firm.admin, { client: other.mine.id })).options.client).toBeNull();
  });

  it("returns rows with the client, product, provider, advisor, status view and premium", async () => {
    const firm = await seedFirm();
    const page = await getPipeline(firm.advisor, { status: "110" });
    expect(page.rows).toEqual([
      {
        id: firm.c.needsData.id,
        client: { id: firm.mine.id, displayName: "Schneider, Maria" },
        provider: { id: firm.alpha.id, name: "Alpha Versicherung" },
        product: { id: firm.product.id, name: "Privathaftpflicht Komfort" },
        advisor: { id: firm.advisor.id, name: firm.advisor.name },
        status: expect.objectContaining({ code: 110, label: "Provider needs more data", phase: "proposal" }),
        turn: "ADVISOR",
        nextStep: "complete-data",
        needsAttention: true,
        statusChangedAt: firm.c.needsData.statusChangedAt,
        premium: "89.90",
        currency: "EUR",
      },
    ]);
  });

  it("counts per phase, status and turn for the scope and non-status filters", async () => {
    const firm = await seedFirm();
    const admin = await getPipeline(firm.admin, { status: "ended" });
    // The status filter narrows the rows, not the counts.
    expect(admin.rows).toEqual([]);
    expect(admin.counts.total).toBe(6);
    expect(admin.counts.byPhase).toEqual({ draft: 1, proposal: 3, ordering: 1, "in-force": 1, ended: 0, unknown: 0 });
    // The 130 has no approval link yet: the advisor's turn (send it), not the customer's.
    expect(admin.counts.byTurn).toEqual({ advisor: 3, customer: 0, provider: 2, none: 1 });
    expect(admin.counts.needsAttention).toBe(2);
    expect(admin.counts.byStatus.map((entry) => [entry.status.code, entry.count])).toEqual([[0, 1], [110, 1], [120, 1], [130, 1], [230, 1], [320, 1]]);

    const beta = await getPipeline(firm.admin, { provider: firm.beta.id });
    expect(beta.counts.byPhase).toEqual({ draft: 0, proposal: 1, ordering: 1, "in-force": 1, ended: 0, unknown: 0 });
    const advisor = await getPipeline(firm.advisor);
    expect(advisor.counts.total).toBe(4);
    expect(advisor.counts.byTurn.advisor).toBe(3);
  });

  it("filters by phase, status codes, provider, advisor and client", async () => {
    const firm = await seedFirm();
    const { c } = firm;
    expect(ids(await getPipeline(firm.admin, { status: "proposal" }))).toEqual([c.colleagueRequested.id, c.needsData.id, c.available.id]);
    expect(ids(await getPipeline(firm.admin, { status: "draft" }))).toEqual([c.draft.id]);
    expect(ids(await getPipeline(firm.admin, { status: "0,110" }))).toEqual([c.draft.id, c.needsData.id]);
    expect(ids(await getPipeline(firm.admin, { status: ["320", "ordering"] }))).toEqual([c.active.id, c.colleagueOrdered.id]);
    expect(ids(await getPipeline(firm.admin, { provider: firm.beta.id }))).toEqual([c.available.id, c.active.id, c.colleagueOrdered.id]);
    expect(ids(await getPipeline(firm.admin, { advisor: firm.otherAdvisor.id }))).toEqual([c.colleagueRequested.id, c.colleagueOrdered.id]);
    expect(ids(await getPipeline(firm.admin, { client: "keller" }))).toEqual([c.colleagueRequested.id, c.colleagueOrdered.id]);
    const byId = await getPipeline(firm.admin, { client: firm.mine.id, status: "in-force" });
    expect(ids(byId)).toEqual([c.active.id]);
    expect(byId.options.client).toEqual({ id: firm.mine.id, displayName: "Schneider, Maria" });
    expect(byId.filtered).toBe(true);
    // Empty values from a GET form mean "any".
    const blank = await getPipeline(firm.admin, { status: "", provider: "", advisor: "", client: "" });
    expect(blank.filtered).toBe(false);
    expect(blank.rows).toHaveLength(6);
    // URLSearchParams work as they come from a request.
    expect(ids(await getPipeline(firm.admin, new URLSearchParams("status=130&status=320")))).toEqual([c.available.id, c.active.id]);
  });

  it("counts and filters a status code the portal does not know by its phase", async () => {
    const firm = await seedFirm();
    const odd = await makeContract({ advisor: firm.advisor, clientId: firm.mine.id, providerId: firm.alpha.id, status: 150, statusChangedAt: minutesAgo(1) });
    const page = await getPipeline(firm.advisor, { status: "proposal" });
    expect(ids(page)[0]).toBe(odd.id);
    expect(page.counts.byPhase.proposal).toBe(3);
  });

  it("pages with a keyset cursor: stable, no duplicates or gaps, also across equal timestamps", async () => {
    const firm = await makeFirm();
    const provider = await makeProvider(firm.org.id);
    const client = await makeClient(firm.advisor);
    const tie = minutesAgo(60);
    const created: string[] = [];
    for (let index = 0; index < 23; index++) {
      // Eleven contracts share one timestamp, so a cursor on the time alone would skip or repeat some.
      const statusChangedAt = index < 11 ? tie : minutesAgo(index * 7);
      created.push((await makeContract({ advisor: firm.advisor, clientId: client.id, providerId: provider.id, status: index % 2 ? 120 : 130, statusChangedAt })).id);
    }
    const everything = await getPipeline(firm.advisor, { pageSize: 100 });
    expect(everything.rows).toHaveLength(23);
    expect(everything.nextPageToken).toBeNull();
    const expected = ids(everything);

    for (const pageSize of ["1", "4", "5", "10"]) {
      const { ids: paged, pages } = await allPages(firm.advisor, { pageSize });
      expect(paged).toEqual(expected);
      expect(new Set(paged).size).toBe(23);
      expect(pages).toBe(Math.ceil(23 / Number(pageSize)));
    }
    expect([...expected].sort()).toEqual([...created].sort());

    // Paging within a filter keeps to the filter.
    const filtered = await allPages(firm.advisor, { status: "130", pageSize: "3" });
    expect(filtered.ids).toEqual(expected.filter((id) => created.indexOf(id) % 2 === 0));

    // A row that changes status between two pages moves to the top; the next page neither repeats nor skips the others.
    const first = await getPipeline(firm.advisor, { pageSize: 5 });
    const moved = expected[10]!;
    await db().contract.update({ where: { id: moved }, data: { status: 110, statusChangedAt: new Date() } });
    const second = await getPipeline(firm.advisor, { pageSize: 5, pageToken: first.nextPageToken! });
    expect(ids(second)).toEqual(expected.slice(5, 10));
    const third = await getPipeline(firm.advisor, { pageSize: 5, pageToken: second.nextPageToken! });
    expect(ids(third)).toEqual(expected.slice(11, 16));
  });

  it("round-trips page tokens and rejects bad ones and bad filters with a readable AppError", async () => {
    const { advisor } = await makeFirm();
    const cursor = { statusChangedAt: new Date("2026-03-01T10:11:12.345Z"), id: "cmabc123def456ghi789jkl01" };
    expect(decodePageToken(encodePageToken(cursor))).toEqual(cursor);

    const bad: PipelineQueryInput[] = [
      { pageToken: "not a token!" },
      { pageToken: Buffer.from("yesterday|abc").toString("base64url") },
      { pageToken: Buffer.from("2026-03-01T10:11:12.345Z|").toString("base64url") },
      { pageToken: Buffer.from("2026-03-01T10:11:12.345Z|a'b;drop").toString("base64url") },
      { status: "nonsense" },
      { status: "1200" },
      { pageSize: "0" },
      { pageSize: "101" },
      { pageSize: "ten" },
      { provider: "x".repeat(65) },
      { client: "y".repeat(101) },
      { provider: ["a", "b"] },
    ];
    for (const query of bad) {
      const error = await getPipeline(advisor, query).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(query)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("BAD_REQUEST");
      expect((error as AppError).message).not.toMatch(/prisma|invalid_type|zod/i);
    }
    const tokenError = (await getPipeline(advisor, { pageToken: "bm9wZQ" }).catch((caught: unknown) => caught)) as AppError;
    expect(tokenError.message).toBe("This page link is not valid any more. Start again from the first page.");
  });

  it("tells an empty firm apart from an empty filter result", async () => {
    const org = await makeFirm();
    const loner = await makeUser(org.org.id, "ADVISOR");
    const empty = await getPipeline(loner);
    expect(empty).toMatchObject({ filtered: false, rows: [], nextPageToken: null, counts: { total: 0 } });
    expect((await getPipeline(loner, { status: "proposal" })).filtered).toBe(true);
  });

  it("agrees with the contract page on whose turn it is and the next step, in every turn case", async () => {
    const firm = await makeFirm();
    const provider = await makeProvider(firm.org.id);
    const client = await makeClient(firm.advisor);
    const make = (status: number, extra: Partial<ContractSpec> = {}) => makeContract({ advisor: firm.advisor, clientId: client.id, providerId: provider.id, status, ...extra });
    const withAdvice = async <T extends { id: string }>(row: T) => (await completeTestAdvice(firm.advisor, row.id), row);
    const declinedByProviderReplaced = await make(420, { hasSuccessor: true });
    const declinedReplaced = await make(130, { approvalState: "DECLINED", hasSuccessor: true });
    const cases = {
      draft: { row: await make(0), turn: "ADVISOR", nextStep: "send-proposal", attention: false },
      needsData: { row: await make(110), turn: "ADVISOR", nextStep: "complete-data", attention: true },
      requested: { row: await make(120), turn: "PROVIDER", nextStep: "wait-provider", attention: false },
      // Without a completed advice record, no link goes out and nothing is ordered: both the list and
      // the page say "record advice" where the engine alone would say send, resend or order.
      unsent: { row: await make(130), turn: "ADVISOR", nextStep: "record-advice", attention: true },
      unsentWithAdvice: { row: await withAdvice(await make(130)), turn: "ADVISOR", nextStep: "send-approval", attention: true },
      linkOut: { row: await make(130, { approvalState: "PENDING" }), turn: "CUSTOMER", nextStep: "wait-customer", attention: false },
      approved: { row: await make(130, { approvalState: "APPROVED" }), turn: "ADVISOR", nextStep: "record-advice", attention: false },
      // Approved before the advice was completed: the approval is not bound to it, so a new link is needed.
      approvedUnbound: { row: await withAdvice(await make(130, { approvalState: "APPROVED" })), turn: "ADVISOR", nextStep: "send-approval", attention: false },
      declined: { row: await make(130, { approvalState: "DECLINED" }), turn: "ADVISOR", nextStep: "after-decline", attention: true },
      expired: { row: await make(130, { approvalState: "EXPIRED" }), turn: "ADVISOR", nextStep: "record-advice", attention: true },
      voided: { row: await make(130, { approvalState: "VOID" }), turn: "ADVISOR", nextStep: "record-advice", attention: true },
      replaced: { row: declinedReplaced, turn: "NONE", nextStep: "none", attention: false },
      replacement: { row: await make(0, { duplicatedFromId: declinedReplaced.id }), turn: "ADVISOR", nextStep: "send-proposal", attention: false },
      ordered: { row: await make(230), turn: "PROVIDER", nextStep: "wait-provider", attention: false },
      underReview: { row: await make(240), turn: "PROVIDER", nextStep: "wait-provider", attention: false },
      active: { row: await make(320), turn: "NONE", nextStep: "none", attention: false },
      declinedByProvider: { row: await make(420), turn: "ADVISOR", nextStep: "try-another", attention: true },
      declinedByProviderReplaced: { row: declinedByProviderReplaced, turn: "NONE", nextStep: "none", attention: false },
      withdrawn: { row: await make(430), turn: "NONE", nextStep: "none", attention: false },
      copy: { row: await make(0, { duplicatedFromId: declinedByProviderReplaced.id }), turn: "ADVISOR", nextStep: "send-proposal", attention: false },
    } as const;

    const pipeline = await getPipeline(firm.advisor, { pageSize: 100 });
    const rows = new Map(pipeline.rows.map((row) => [row.id, row]));
    for (const [name, expected] of Object.entries(cases)) {
      const row = rows.get(expected.row.id)!;
      const page = await getContractView(firm.advisor, expected.row.id);
      expect({ name, turn: row.turn, nextStep: row.nextStep, attention: row.needsAttention }).toEqual({ name, turn: expected.turn, nextStep: expected.nextStep, attention: expected.attention });
      expect({ name, turn: page.turn, nextStep: page.nextStep, attention: page.needsAttention }).toEqual({ name, turn: row.turn, nextStep: row.nextStep, attention: row.needsAttention });
    }

    const all = Object.values(cases);
    const countOf = (turn: string) => all.filter((entry) => entry.turn === turn).length;
    expect(pipeline.counts.byTurn).toEqual({ advisor: countOf("ADVISOR"), customer: countOf("CUSTOMER"), provider: countOf("PROVIDER"), none: countOf("NONE") });
    expect(pipeline.counts.needsAttention).toBe(all.filter((entry) => entry.attention).length);

    // The turn filter returns exactly the contracts whose stored turn it is, newest first.
    for (const turn of ["advisor", "customer", "provider", "none"] as const) {
      const filtered = await getPipeline(firm.advisor, { turn, pageSize: 100 });
      expect(new Set(ids(filtered)), turn).toEqual(new Set(all.filter((entry) => entry.turn === turn.toUpperCase()).map((entry) => entry.row.id)));
      expect(filtered.filtered).toBe(true);
      const times = filtered.rows.map((row) => row.statusChangedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    // Combined with a status: the declined, expired, voided and unsent proposals are the advisor's.
    expect(new Set(ids(await getPipeline(firm.advisor, { turn: "advisor", status: "130" })))).toEqual(new Set([cases.unsent, cases.unsentWithAdvice, cases.approved, cases.approvedUnbound, cases.declined, cases.expired, cases.voided].map((entry) => entry.row.id)));
    await expect(getPipeline(firm.advisor, { turn: "everyone" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // What the contract page offers follows the same stored decision.
    expect((await getContractView(firm.advisor, cases.declined.row.id)).actions).toMatchObject({ revise: true, withdraw: true, duplicate: true, order: false });
    // Approved, but no advice record bound to the approval: no order (advice-consents.test.ts orders with one).
    expect((await getContractView(firm.advisor, cases.approved.row.id)).actions).toMatchObject({ order: false });
    expect((await getContractView(firm.advisor, cases.replaced.row.id)).actions).toMatchObject({ revise: false, withdraw: false, duplicate: false });
    expect((await getContractView(firm.advisor, cases.active.row.id)).actions).toMatchObject({ withdraw: false, revise: false, duplicate: false });
    expect((await getContractView(firm.advisor, cases.withdrawn.row.id)).actions).toMatchObject({ withdraw: false, duplicate: true });
    expect((await getContractView(firm.advisor, cases.declinedByProvider.row.id)).actions).toMatchObject({ withdraw: false, duplicate: true });
    const copy = await getContractView(firm.advisor, cases.copy.row.id);
    expect(copy.duplicatedFrom?.id).toBe(declinedByProviderReplaced.id);
    expect((await getContractView(firm.advisor, declinedByProviderReplaced.id)).successor?.id).toBe(cases.copy.row.id);
  });

  it("shows the contract page's timeline with approval events and sources, and what changed between proposal versions", async () => {
    const firm = await makeFirm();
    const provider = await makeProvider(firm.org.id);
    const product = await db().product.create({
      data: {
        providerId: provider.id,
        remoteId: token(),
        name: "Hausrat",
        line: "household",
        fields: [
          { name: "sumInsured", label: "Sum insured", type: "number", required: true },
          { name: "startDate", label: "Start date", type: "date", required: true },
          { name: "glass", label: "Glass cover", type: "boolean", required: false },
        ],
      },
      select: { id: true },
    });
    const client = await makeClient(firm.advisor);
    const contract = await makeContract({ advisor: firm.advisor, clientId: client.id, providerId: provider.id, productId: product.id, status: 130, approvalState: "VOID", premium: "210" });
    await db().contract.update({ where: { id: contract.id }, data: { proposalVersion: 2, data: { sumInsured: 1500000, startDate: "2026-12-31", glass: true }, raw: { _riskClass: "B", note: "x" } } });
    await db().proposalVersion.createMany({
      data: [
        { contractId: contract.id, version: 1, data: { sumInsured: 1000000, startDate: "2026-12-01", glass: true, proposalFileId: "f1", proposalVersion: 1 }, premium: "180", currency: "EUR", at: minutesAgo(30) },
        { contractId: contract.id, version: 2, data: { sumInsured: 1500000, startDate: "2026-12-31", glass: true, proposalFileId: "f2", proposalVersion: 2 }, premium: "210", currency: "EUR", at: minutesAgo(5) },
      ],
    });
    const at = (minutes: number) => minutesAgo(minutes);
    await db().contractEvent.createMany({
      data: [
        { contractId: contract.id, kind: "status", fromStatus: 120, toStatus: 130, source: "CALLBACK", at: at(29) },
        { contractId: contract.id, kind: "approval.sent", toStatus: 130, source: "ADVISOR", actorLabel: firm.advisor.name, at: at(28) },
        { contractId: contract.id, kind: "approval.declined", toStatus: 130, source: "CUSTOMER", note: "Too expensive", at: at(20) },
        { contractId: contract.id, kind: "proposal.revised", toStatus: 130, source: "ADVISOR", at: at(10) },
        { contractId: contract.id, kind: "status", fromStatus: 120, toStatus: 130, source: "POLL", at: at(5) },
      ],
    });

    const view = await getContractView(firm.advisor, contract.id);
    expect(view.timeline.map((entry) => [entry.kind, entry.sourceLabel])).toEqual([
      ["status", "Status check"],
      ["proposal.revised", "Advisor"],
      ["approval.declined", "Customer"],
      ["approval.sent", "Advisor"],
      ["status", "Provider callback"],
    ]);
    expect(view.timeline[2]).toMatchObject({ title: "Proposal declined", note: "Too expensive" });
    expect(view.timeline[4]!.title).toBe("Proposal requested → Proposal available");
    // One formatter for money, numbers and days on the whole page.
    expect(view.premium).toBe("€210.00");
    expect(view.fields).toEqual([
      { name: "sumInsured", label: "Sum insured", value: "1,500,000" },
      { name: "startDate", label: "Start date", value: "31 Dec 2026" },
      { name: "glass", label: "Glass cover", value: "Yes" },
    ]);
    expect(view.extensionFields).toEqual([{ key: "_riskClass", value: "B" }]);
    expect(view.versions.map((version) => version.version)).toEqual([2, 1]);
    expect(view.versions[0]!.changes).toEqual([
      { name: "premium", label: "Premium", before: "€180.00", after: "€210.00" },
      { name: "sumInsured", label: "Sum insured", before: "1,000,000", after: "1,500,000" },
      { name: "startDate", label: "Start date", before: "01 Dec 2026", after: "31 Dec 2026" },
    ]);
    expect(view.versions[1]!.changes).toBeNull();

    // Scoped like every read: a colleague does not see it.
    await expect(getContractView(firm.otherAdvisor, contract.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
