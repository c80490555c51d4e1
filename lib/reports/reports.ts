/**
 * The firm's reports (issue 14, item 8), computed in PostgreSQL in one query each: the funnel and
 * the turnaround from each contract's milestones (ContractMilestone, kept from the timeline by
 * triggers), the time in status from the timeline itself (ContractEvent: every status change with its time):
 *  - the conversion funnel: of the contracts started in the period (their draft), how many have
 *    reached each step so far (requested 120, proposal 130, approved by the customer, ordered 230,
 *    active 320);
 *  - provider turnaround: from a contract's first 120 to its first 130 after that, and from its first
 *    230 to its first 320 after that, for the spans that ended in the period: median and 90th
 *    percentile per provider and product, per provider, and overall;
 *  - time in status: how long contracts stayed in each status, for the stays that ended in the period.
 * The period is whole days in the firm's time zone (Europe/Berlin). Durations are in seconds.
 */
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { ReportQuery } from "./filters";

export const FUNNEL_STEPS = ["draft", "requested", "proposal", "approved", "ordered", "active"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export const TURNAROUND_LEGS = ["120-130", "230-320"] as const;
export type TurnaroundLeg = (typeof TURNAROUND_LEGS)[number];

export interface FunnelReport {
  steps: Array<{ step: FunnelStep; count: number }>;
}

export interface TurnaroundRow {
  leg: TurnaroundLeg;
  /** A product's row, a provider's (all its products) or the overall row (every provider). */
  level: "product" | "provider" | "overall";
  /** null on the overall row. */
  providerId: string | null;
  providerName: string | null;
  /** null on a provider's row and the overall row. */
  productId: string | null;
  productName: string | null;
  count: number;
  medianSeconds: number;
  p90Seconds: number;
}

export interface TimeInStatusRow {
  status: number;
  count: number;
  medianSeconds: number;
  p90Seconds: number;
  averageSeconds: number;
}

/**
 * Runs a report's one query with room to sort and hash in memory (the percentiles sort every
 * duration of the period): SET LOCAL, so only this transaction gets it.
 */
function inMemory<T>(query: Prisma.Sql): Promise<T> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      return tx.$queryRaw<T>(query);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** The period's bounds as UTC timestamps (the columns' time), from Berlin calendar days. */
function bounds(query: ReportQuery) {
  return Prisma.sql`SELECT ((${query.from}::date)::timestamp AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'UTC' AS "start",
                           ((${query.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'UTC' AS "end"`;
}

/** The contracts in scope: the firm's, or one advisor's. */
function scoped(query: ReportQuery) {
  return Prisma.sql`SELECT c."id", c."providerId", c."productId" FROM "Contract" c
    WHERE c."organizationId" = ${query.organizationId} ${query.advisorId ? Prisma.sql`AND c."advisorId" = ${query.advisorId}` : Prisma.empty}`;
}

// Which steps a contract reached: the bits of ContractMilestone.steps (set by the migration's trigger function).
const REACHED = { requested: 1, proposal: 2, approved: 4, ordered: 8, active: 16 } as const;

/** Each report's one statement, for the report and for `bench:reports` (BENCH_EXPLAIN=1 prints its plan). */
export const REPORT_SQL = { funnel: funnelSql, turnaround: turnaroundSql, timeInStatus: timeInStatusSql } as const;

function funnelSql(query: ReportQuery): Prisma.Sql {
  return Prisma.sql`
    WITH period AS (${bounds(query)})
    SELECT count(*) AS "draft",
      count(*) FILTER (WHERE m."steps" & ${REACHED.requested} > 0) AS "requested",
      count(*) FILTER (WHERE m."steps" & ${REACHED.proposal} > 0) AS "proposal",
      count(*) FILTER (WHERE m."steps" & ${REACHED.approved} > 0) AS "approved",
      count(*) FILTER (WHERE m."steps" & ${REACHED.ordered} > 0) AS "ordered",
      count(*) FILTER (WHERE m."steps" & ${REACHED.active} > 0) AS "active"
    FROM "ContractMilestone" m JOIN (${scoped(query)}) c ON c."id" = m."contractId" CROSS JOIN period p
    WHERE m."draftedAt" >= p."start" AND m."draftedAt" < p."end"`;
}

export async function funnelReport(query: ReportQuery): Promise<FunnelReport> {
  const [row] = await inMemory<Array<Record<FunnelStep, bigint>>>(funnelSql(query));
  return { steps: FUNNEL_STEPS.map((step) => ({ step, count: Number(row?.[step] ?? 0) })) };
}

function turnaroundSql(query: ReportQuery): Prisma.Sql {
  return Prisma.sql`
    WITH period AS (${bounds(query)}),
    spans AS (
      SELECT c."providerId", c."productId", m."requestedAt" AS "t120", m."proposalAt" AS "t130", m."orderedAt" AS "t230", m."activeAt" AS "t320"
      FROM "ContractMilestone" m JOIN (${scoped(query)}) c ON c."id" = m."contractId"
      WHERE m."proposalAt" IS NOT NULL OR m."activeAt" IS NOT NULL
    ),
    -- Both spans of a contract as rows, those that ended in the period. Durations stay intervals
    -- (cheap to compare) until the percentiles are taken.
    legs AS (
      SELECT leg."leg", s."providerId", s."productId", leg."ended" - leg."started" AS "took"
      FROM spans s CROSS JOIN LATERAL (VALUES ('120-130', s."t120", s."t130"), ('230-320', s."t230", s."t320")) AS leg("leg", "started", "ended")
        CROSS JOIN period p
      WHERE leg."ended" >= p."start" AND leg."ended" < p."end"
    ),
    agg AS (
      SELECT l."leg", l."providerId", l."productId", count(*) AS "count",
        GROUPING(l."providerId") AS "providerTotal", GROUPING(l."productId") AS "productTotal",
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY l."took") AS "percentiles"
      FROM legs l
      GROUP BY GROUPING SETS ((l."leg", l."providerId", l."productId"), (l."leg", l."providerId"), (l."leg"))
    )
    SELECT a."leg", a."providerId", a."productId", a."count", a."providerTotal", a."productTotal",
      ARRAY[extract(epoch FROM a."percentiles"[1])::float8, extract(epoch FROM a."percentiles"[2])::float8] AS "percentiles",
      pv."name" AS "providerName", pr."name" AS "productName"
    FROM agg a
    LEFT JOIN "Provider" pv ON a."providerTotal" = 0 AND pv."id" = a."providerId"
    LEFT JOIN "Product" pr ON a."productTotal" = 0 AND pr."id" = a."productId"
    ORDER BY a."leg", a."providerTotal" DESC, pv."name", a."providerId", a."productTotal" DESC, pr."name", a."productId"`;
}

export async function turnaroundReport(query: ReportQuery): Promise<TurnaroundRow[]> {
  const rows = await inMemory<Array<{ leg: TurnaroundLeg; providerId: string | null; providerName: string | null; productId: string | null; productName: string | null; count: bigint; percentiles: number[]; providerTotal: number; productTotal: number }>>(turnaroundSql(query));
  return rows.map((row) => ({
    leg: row.leg,
    level: Number(row.providerTotal) === 1 ? "overall" : Number(row.productTotal) === 1 ? "provider" : "product",
    providerId: row.providerId,
    providerName: row.providerName,
    productId: row.productId,
    productName: row.productName,
    count: Number(row.count),
    medianSeconds: Number(row.percentiles[0]),
    p90Seconds: Number(row.percentiles[1]),
  }));
}

function timeInStatusSql(query: ReportQuery): Prisma.Sql {
  return Prisma.sql`
    WITH period AS (${bounds(query)}),
    -- Each stay: a status row and the next one of its contract (the index gives them in order).
    stays AS (
      SELECT e."toStatus" AS "status", e."at" AS "entered", lead(e."at") OVER (PARTITION BY e."contractId" ORDER BY e."at") AS "left"
      FROM "ContractEvent" e JOIN (${scoped(query)}) c ON c."id" = e."contractId"
      WHERE e."kind" = 'status'
    ),
    agg AS (
      SELECT s."status", count(*) AS "count",
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY s."left" - s."entered") AS "percentiles",
        avg(s."left" - s."entered") AS "average"
      FROM stays s CROSS JOIN period p
      WHERE s."left" >= p."start" AND s."left" < p."end"
      GROUP BY s."status"
    )
    SELECT a."status", a."count", extract(epoch FROM a."average")::float8 AS "average",
      ARRAY[extract(epoch FROM a."percentiles"[1])::float8, extract(epoch FROM a."percentiles"[2])::float8] AS "percentiles"
    FROM agg a
    ORDER BY a."status"`;
}

export async function timeInStatusReport(query: ReportQuery): Promise<TimeInStatusRow[]> {
  const rows = await inMemory<Array<{ status: number; count: bigint; percentiles: number[]; average: number }>>(timeInStatusSql(query));
  return rows.map((row) => ({ status: row.status, count: Number(row.count), medianSeconds: Number(row.percentiles[0]), p90Seconds: Number(row.percentiles[1]), averageSeconds: Number(row.average) }));
}

export interface Reports {
  query: ReportQuery;
  funnel: FunnelReport;
  turnaround: TurnaroundRow[];
  timeInStatus: TimeInStatusRow[];
}

export async function allReports(query: ReportQuery): Promise<Reports> {
  const [funnel, turnaround, timeInStatus] = await Promise.all([funnelReport(query), turnaroundReport(query), timeInStatusReport(query)]);
  return { query, funnel, turnaround, timeInStatus };
}
