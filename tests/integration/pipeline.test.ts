import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decodePageToken, encodePageToken, getPipeline, type PipelineQueryInput } from "@/lib/contracts/pipeline";
import { makeClient, makeFirm, makeUser, type TestUser } from "../factories";

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
}

async function makeContract(spec: ContractSpec) {
  return db().contract.create({
    data: {
      organizationId: spec.advisor.organizationId,
      advisorId: spec.advisor.id,
      clientId: spec.clientId,
      providerId: spec.providerId,
      productId: spec.productId ?? null,
      status: spec.status,
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
        status: expect.objectContaining({ code: 110, label: "Provider needs more data", phase: "proposal", turn: "advisor" }),
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
    expect(admin.counts.byTurn).toEqual({ advisor: 2, customer: 1, provider: 2, none: 1 });
    expect(admin.counts.byStatus.map((entry) => [entry.status.code, entry.count])).toEqual([[0, 1], [110, 1], [120, 1], [130, 1], [230, 1], [320, 1]]);

    const beta = await getPipeline(firm.admin, { provider: firm.beta.id });
    expect(beta.counts.byPhase).toEqual({ draft: 0, proposal: 1, ordering: 1, "in-force": 1, ended: 0, unknown: 0 });
    const advisor = await getPipeline(firm.advisor);
    expect(advisor.counts.total).toBe(4);
    expect(advisor.counts.byTurn.advisor).toBe(2);
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
});
