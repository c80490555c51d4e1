/**
 * The reports (issue 14, item 8) against a hand count: a firm's contracts with a known timeline,
 * seeded straight into the real PostgreSQL, and every figure worked out below by hand.
 *
 * March 2026 (the period), times at noon UTC unless noted, drafts at 09:00 the same day:
 *  advisor X  c1 Alpha/A1: draft 2, 120 2, 130 4, approved 5, 230 6, 320 10
 *             c2 Alpha/A1: draft 3, 120 3, 130 4, 120 5, 130 8
 *             c3 Alpha/A2: draft 5, 120 5, 110 6, 120 7, 130 11
 *             c6 Alpha/A1: draft Feb 10, 120 Feb 10, 130 Feb 20, 230 Feb 25, 320 Mar 2
 *             c7 (April): draft Apr 2
 *  advisor Y  c4 Beta/B1:  draft 10, 120 10, 130 13, approved 14, 230 15, 240 16, 320 22
 *             c5 Beta/B1:  draft 20
 *  another firm: one contract through 320 in March (never counted).
 */
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reportQueryOf } from "@/lib/reports/filters";
import { funnelReport, timeInStatusReport, turnaroundReport, type TurnaroundRow } from "@/lib/reports/reports";
import { reportCsv } from "@/lib/reports/csv";
import { makeClient, makeFirm, type TestUser } from "../factories";

/** RFC 4180 as a spreadsheet reads it (quoted fields, "" for a quote, CRLF rows): to check the file, not to make it. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const DAY = 86_400;
const HOUR = 3_600;
type Step = number | "approved";

async function provider(organizationId: string, name: string, products: string[]) {
  const row = await db().provider.create({
    data: { organizationId, name, baseUrl: "http://127.0.0.1:1", consumerId: "reports-test", publicKeyPem: "test", privateKeyEnc: "test", enabled: false },
    select: { id: true },
  });
  const ids = [];
  for (const product of products) ids.push((await db().product.create({ data: { providerId: row.id, remoteId: crypto.randomUUID(), name: product, line: "test" }, select: { id: true } })).id);
  return { id: row.id, products: ids };
}

/** A contract with its timeline: [step, "YYYY-MM-DD"] (a draft at 09:00, everything else at noon). */
async function contract(advisor: TestUser, providerId: string, productId: string, steps: Array<[Step, string]>) {
  const client = await makeClient(advisor);
  let status = 0;
  const events: Array<{ kind: string; fromStatus: number | null; toStatus: number; at: Date }> = [];
  for (const [step, day] of steps) {
    if (step === "approved") {
      events.push({ kind: "approval.approved", fromStatus: status, toStatus: status, at: new Date(`${day}T12:00:00Z`) });
      continue;
    }
    events.push({ kind: "status", fromStatus: events.length ? status : null, toStatus: step, at: new Date(`${day}T${step === 0 ? "09" : "12"}:00:00Z`) });
    status = step;
  }
  const row = await db().contract.create({
    data: { organizationId: advisor.organizationId, providerId, productId, clientId: client.id, advisorId: advisor.id, status, callbackToken: crypto.randomBytes(16).toString("hex"), createdAt: events[0]!.at },
    select: { id: true },
  });
  await db().contractEvent.createMany({ data: events.map((event) => ({ ...event, contractId: row.id, source: "ADVISOR" as const })) });
  return row.id;
}

let firm: Awaited<ReturnType<typeof makeFirm>>;
let alpha: { id: string; products: string[] };
let beta: { id: string; products: string[] };
const march = { from: "2026-03-01", to: "2026-03-31" };

beforeAll(async () => {
  firm = await makeFirm();
  alpha = await provider(firm.org.id, "Alpha Versicherung", ["A1 Hausrat", 'A2 "Plus", Familie']);
  beta = await provider(firm.org.id, "=Beta AG", ["B1 Haftpflicht"]);
  const [a1, a2] = alpha.products as [string, string];
  const b1 = beta.products[0]!;
  const x = firm.advisor;
  const y = firm.otherAdvisor;
  await contract(x, alpha.id, a1, [[0, "2026-03-02"], [120, "2026-03-02"], [130, "2026-03-04"], ["approved", "2026-03-05"], [230, "2026-03-06"], [320, "2026-03-10"]]);
  await contract(x, alpha.id, a1, [[0, "2026-03-03"], [120, "2026-03-03"], [130, "2026-03-04"], [120, "2026-03-05"], [130, "2026-03-08"]]);
  await contract(x, alpha.id, a2, [[0, "2026-03-05"], [120, "2026-03-05"], [110, "2026-03-06"], [120, "2026-03-07"], [130, "2026-03-11"]]);
  await contract(x, alpha.id, a1, [[0, "2026-02-10"], [120, "2026-02-10"], [130, "2026-02-20"], [230, "2026-02-25"], [320, "2026-03-02"]]);
  await contract(x, alpha.id, a1, [[0, "2026-04-02"]]);
  await contract(y, beta.id, b1, [[0, "2026-03-10"], [120, "2026-03-10"], [130, "2026-03-13"], ["approved", "2026-03-14"], [230, "2026-03-15"], [240, "2026-03-16"], [320, "2026-03-22"]]);
  await contract(y, beta.id, b1, [[0, "2026-03-20"]]);
  // Another firm's contract, in the same month: never in this firm's reports.
  const other = await makeFirm();
  const gamma = await provider(other.org.id, "Gamma", ["G1"]);
  await contract(other.advisor, gamma.id, gamma.products[0]!, [[0, "2026-03-02"], [120, "2026-03-02"], [130, "2026-03-03"], ["approved", "2026-03-03"], [230, "2026-03-04"], [320, "2026-03-05"]]);
});

const seconds = (days: number) => Math.round(days * DAY);
const figures = (rows: TurnaroundRow[], leg: TurnaroundRow["leg"]) =>
  rows.filter((row) => row.leg === leg).map((row) => [row.level, row.providerName, row.productName, row.count, Math.round(row.medianSeconds), Math.round(row.p90Seconds)]);

describe("reports against a hand count", () => {
  it("counts the funnel of the contracts started in the period, for the firm and for one advisor", async () => {
    const admin = await reportQueryOf(firm.admin, march);
    expect((await funnelReport(admin)).steps).toEqual([
      { step: "draft", count: 5 }, { step: "requested", count: 4 }, { step: "proposal", count: 4 },
      { step: "approved", count: 2 }, { step: "ordered", count: 2 }, { step: "active", count: 2 },
    ]);
    const onlyX = await reportQueryOf(firm.admin, { ...march, advisor: firm.advisor.id });
    expect((await funnelReport(onlyX)).steps.map((step) => step.count)).toEqual([3, 3, 3, 1, 1, 1]);
    // February: only c6 was started.
    expect((await funnelReport(await reportQueryOf(firm.admin, { from: "2026-02-01", to: "2026-02-28" }))).steps.map((step) => step.count)).toEqual([1, 1, 1, 0, 1, 1]);
  });

  it("gives the median and 90th percentile turnaround per provider and product, for the spans that ended in the period", async () => {
    const rows = await turnaroundReport(await reportQueryOf(firm.admin, march));
    // 120→130: c1 2 d, c2 1 d (first 130 after the first 120), c3 6 d, c4 3 d; c6 ended in February.
    expect(figures(rows, "120-130")).toEqual([
      ["overall", null, null, 4, seconds(2.5), seconds(5.1)], // [1,2,3,6]: p90 at 2.7 → 3 + 0.7 × 3
      ["provider", "=Beta AG", null, 1, seconds(3), seconds(3)],
      ["product", "=Beta AG", "B1 Haftpflicht", 1, seconds(3), seconds(3)],
      ["provider", "Alpha Versicherung", null, 3, seconds(2), seconds(5.2)], // [1,2,6]: p90 at 1.8 → 2 + 0.8 × 4
      ["product", "Alpha Versicherung", "A1 Hausrat", 2, seconds(1.5), seconds(1.9)],
      ["product", "Alpha Versicherung", 'A2 "Plus", Familie', 1, seconds(6), seconds(6)],
    ]);
    // 230→320: c1 4 d, c4 7 d, c6 5 d (ordered in February, active in March).
    expect(figures(rows, "230-320")).toEqual([
      ["overall", null, null, 3, seconds(5), seconds(6.6)],
      ["provider", "=Beta AG", null, 1, seconds(7), seconds(7)],
      ["product", "=Beta AG", "B1 Haftpflicht", 1, seconds(7), seconds(7)],
      ["provider", "Alpha Versicherung", null, 2, seconds(4.5), seconds(4.9)],
      ["product", "Alpha Versicherung", "A1 Hausrat", 2, seconds(4.5), seconds(4.9)],
    ]);
  });

  it("reads milestones that follow the timeline as it is written, corrected and removed", async () => {
    const own = await makeFirm();
    const delta = await provider(own.org.id, "Delta", ["D1"]);
    // Imported at 130, then a request and its answer: the span runs from the 120 to the 130 after it.
    const id = await contract(own.advisor, delta.id, delta.products[0]!, [[130, "2026-03-01"], [120, "2026-03-03"], [130, "2026-03-06"]]);
    const milestone = () => db().contractMilestone.findUnique({ where: { contractId: id } });
    expect(await milestone()).toMatchObject({ draftedAt: null, requestedAt: new Date("2026-03-03T12:00:00Z"), proposalAt: new Date("2026-03-06T12:00:00Z"), steps: 1 | 2 });
    const query = await reportQueryOf(own.admin, march);
    expect(figures(await turnaroundReport(query), "120-130")).toContainEqual(["overall", null, null, 1, seconds(3), seconds(3)]);

    // A correction moves the answer a day earlier (as a backdating seed or a repair would).
    await db().contractEvent.updateMany({ where: { contractId: id, toStatus: 130, at: new Date("2026-03-06T12:00:00Z") }, data: { at: new Date("2026-03-05T12:00:00Z") } });
    expect((await milestone())?.proposalAt).toEqual(new Date("2026-03-05T12:00:00Z"));
    // The answer removed: no span; the whole timeline removed: no milestones.
    await db().contractEvent.deleteMany({ where: { contractId: id, toStatus: 130, at: { gt: new Date("2026-03-02T00:00:00Z") } } });
    expect(await milestone()).toMatchObject({ proposalAt: null, steps: 1 | 2 });
    expect(await turnaroundReport(query)).toEqual([]);
    await db().contractEvent.deleteMany({ where: { contractId: id } });
    expect(await milestone()).toBeNull();
  });

  it("gives the time in each status for the stays that ended in the period", async () => {
    const rows = await timeInStatusReport(await reportQueryOf(firm.admin, march));
    expect(rows.map((row) => [row.status, row.count, Math.round(row.medianSeconds), Math.round(row.p90Seconds), Math.round(row.averageSeconds)])).toEqual([
      [0, 4, 3 * HOUR, 3 * HOUR, 3 * HOUR],
      [110, 1, seconds(1), seconds(1), seconds(1)],
      [120, 6, seconds(2.5), seconds(3.5), Math.round((14 / 6) * DAY)], // [1,1,2,3,3,4]
      [130, 3, seconds(2), seconds(2), Math.round((5 / 3) * DAY)], // [1,2,2]
      [230, 3, seconds(4), seconds(4.8), Math.round((10 / 3) * DAY)], // [1,4,5]
      [240, 1, seconds(6), seconds(6), seconds(6)],
    ]);
  });

  it("shows an advisor their own contracts only and refuses a colleague's; checks the period and the advisor", async () => {
    const own = await reportQueryOf(firm.otherAdvisor, march);
    expect(own).toMatchObject({ advisorId: firm.otherAdvisor.id, wholeFirm: false });
    expect((await funnelReport(own)).steps.map((step) => step.count)).toEqual([2, 1, 1, 1, 1, 1]);
    expect((await turnaroundReport(own)).filter((row) => row.level === "overall").map((row) => [row.leg, row.count])).toEqual([["120-130", 1], ["230-320", 1]]);
    await expect(reportQueryOf(firm.otherAdvisor, { ...march, advisor: firm.advisor.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reportQueryOf(firm.admin, { from: "2026-03-31", to: "2026-03-01" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { to: [expect.any(String)] } });
    await expect(reportQueryOf(firm.admin, { from: "2026-02-30", to: "2026-03-01" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { from: [expect.any(String)] } });
    const stranger = (await makeFirm()).advisor;
    await expect(reportQueryOf(firm.admin, { ...march, advisor: stranger.id })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { advisor: [expect.any(String)] } });
    // The default period: the last 90 days up to today.
    expect(await reportQueryOf(firm.admin, {}, new Date("2026-03-31T12:00:00Z"))).toMatchObject({ from: "2026-01-01", to: "2026-03-31", advisorId: null, wholeFirm: true });
  });

  it("exports each report as CSV: quoted by the library, in the reader's language, formulas kept as text", async () => {
    const query = await reportQueryOf(firm.admin, march);
    const funnel = await reportCsv("funnel", query, "de");
    expect(funnel.filename).toBe("funnel-2026-03-01-2026-03-31.csv");
    expect(funnel.body.startsWith("\uFEFF")).toBe(true);
    expect(parse(funnel.body.slice(1))).toEqual([
      ["Schritt", "Verträge", "Anteil an begonnenen"],
      ["Begonnen (Entwurf)", "5", "1.0000"],
      ["Angebot angefordert (120)", "4", "0.8000"],
      ["Angebot liegt vor (130)", "4", "0.8000"],
      ["Vom Kunden angenommen", "2", "0.4000"],
      ["Beantragt (230)", "2", "0.4000"],
      ["Aktiv (320)", "2", "0.4000"],
    ]);
    const turnaround = await reportCsv("turnaround", query, "en");
    // The product's name with quotes and a comma, quoted and escaped in the file itself.
    expect(turnaround.body).toContain('"A2 ""Plus"", Familie"');
    const records = parse(turnaround.body.slice(1)) as string[][];
    expect(records[0]).toEqual(["Span", "Provider", "Product", "Contracts", "Median (hours)", "90th percentile (hours)"]);
    expect(records).toContainEqual(["Proposal requested (120) to proposal available (130)", "All providers", "All products", "4", "60.00", "122.40"]);
    expect(records).toContainEqual(["Proposal requested (120) to proposal available (130)", "'=Beta AG", "B1 Haftpflicht", "1", "72.00", "72.00"]);
    expect(records).toContainEqual(["Proposal requested (120) to proposal available (130)", "Alpha Versicherung", 'A2 "Plus", Familie', "1", "144.00", "144.00"]);
    const statuses = parse((await reportCsv("time-in-status", query, "en")).body.slice(1)) as string[][];
    expect(statuses[0]).toEqual(["Status code", "Status", "Stays", "Median (hours)", "90th percentile (hours)", "Average (hours)"]);
    expect(statuses).toContainEqual(["120", "Proposal requested", "6", "60.00", "84.00", "56.00"]);
  });
});
