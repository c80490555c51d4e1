/**
 * "Reports match a hand count on the demo data" (issue 14): the demo history of prisma/seed-reports.ts
 * seeded into a fresh firm, and the figures below counted by hand from its plan (days before the seed):
 *
 *   Anna  Maria     Nordstern Hausrat      0@60⅛ 120@60 130@58 ✓@57 230@56 320@50
 *         Jonas     Nordstern Hausrat      0@45⅛ 120@45 130@44 ✓@43 230@42 320@39
 *         Nordlicht Nordstern Wohngebäude  0@30⅛ 120@30 110@29 120@27 130@24
 *         Emily     Elbe Risikoleben       0@20⅛ 120@20 130@15 ✓@14 230@13 320@8
 *         Maria     Elbe Risikoleben       0@10⅛ 120@10 130@7 420@5
 *         Jonas     Nordstern Wohngebäude  0@3
 *   Ben   Lena      Elbe Risikoleben       0@70⅛ 120@70 130@66 ✓@65 230@64 320@54 410@20
 *         Karl      Nordstern Wohngebäude  0@35⅛ 120@35 130@33 430@30
 *         Lena      Nordstern Hausrat      0@12⅛ 120@12 130@11
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reportQueryOf, todayInBerlin } from "@/lib/reports/filters";
import { funnelReport, timeInStatusReport, turnaroundReport } from "@/lib/reports/reports";
import { seedReportsDemo } from "@/prisma/seed-reports";
import { makeClient, makeOrganization, makeUser } from "../factories";

const DAY = 86_400;

describe("the reports on the demo data", () => {
  it("match a hand count", async () => {
    const org = await makeOrganization();
    const [admin, anna, ben] = [await makeUser(org.id, "ADMIN"), await makeUser(org.id, "ADVISOR", "Anna Berger"), await makeUser(org.id, "ADVISOR", "Ben Carstens")];
    for (const firstName of ["Maria", "Jonas", "Emily"]) await makeClient(anna, { firstName });
    await makeClient(anna, { kind: "COMPANY", companyName: "Nordlicht Bäckerei GmbH", firstName: undefined, lastName: undefined, birthDate: undefined });
    for (const firstName of ["Lena", "Karl"]) await makeClient(ben, { firstName });
    const now = new Date("2026-06-15T10:00:00Z");
    await seedReportsDemo(org.id, { advisor: anna.id, advisor2: ben.id }, now);

    // The default period (the last 90 days) holds the whole history.
    const firm = await reportQueryOf(admin, {}, now);
    expect(firm.to).toBe(todayInBerlin(now));
    expect((await funnelReport(firm)).steps.map((step) => step.count)).toEqual([9, 8, 8, 4, 4, 4]);
    const annas = await reportQueryOf(admin, { advisor: anna.id }, now);
    expect((await funnelReport(annas)).steps.map((step) => step.count)).toEqual([6, 5, 5, 3, 3, 3]);

    // 120→130: [2, 1, 6, 5, 3, 4, 2, 1] days → median 2.5, p90 at 6.3 → 5 + 0.3 = 5.3.
    // 230→320: [6, 3, 5, 10] days → median 5.5, p90 at 2.7 → 6 + 0.7 × 4 = 8.8.
    const overall = (await turnaroundReport(firm)).filter((row) => row.level === "overall");
    expect(overall.map((row) => [row.leg, row.count, row.medianSeconds / DAY, Math.round((row.p90Seconds / DAY) * 10) / 10])).toEqual([
      ["120-130", 8, 2.5, 5.3],
      ["230-320", 4, 5.5, 8.8],
    ]);
    // Elbe's 120→130: Emily 5, Maria 3, Lena 4 → median 4.
    const elbe = (await turnaroundReport(firm)).find((row) => row.leg === "120-130" && row.level === "provider" && row.providerName === "Elbe Leben")!;
    expect([elbe.count, elbe.medianSeconds / DAY]).toEqual([3, 4]);

    // Time in 130 (to the next status; an approval is not one): Maria 2, Jonas 2, Emily 2, Maria 2, Lena 2, Karl 3
    // (Nordlicht's and Lena's second are still open) → median 2, p90 at 4.5 → 2.5.
    const in130 = (await timeInStatusReport(firm)).find((row) => row.status === 130)!;
    expect([in130.count, in130.medianSeconds / DAY, in130.p90Seconds / DAY]).toEqual([6, 2, 2.5]);

    expect(await db().contract.count({ where: { organizationId: org.id } })).toBe(9);
  });
});
