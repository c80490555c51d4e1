/**
 * The firm's reports (issue 14, item 8), computed in PostgreSQL from the contracts' timeline
 * (ContractEvent: every status change with its time) in one query each:
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

export async function funnelReport(query: ReportQuery): Promise<FunnelReport> {
  const [row] = await db().$queryRaw<Array<Record<FunnelStep, bigint>>>`
    WITH period AS (${bounds(query)}),
    cohort AS (
      SELECT DISTINCT d."contractId" AS "id"
      FROM "ContractEvent" d JOIN (${scoped(query)}) c ON c."id" = d."contractId", period p
      WHERE d."kind" = 'status' AND d."toStatus" = 0 AND d."at" >= p."start" AND d."at" < p."end"
    ),
    reached AS (
      SELECT e."contractId",
        bool_or(e."kind" = 'status' AND e."toStatus" = 120) AS "requested",
        bool_or(e."kind" = 'status' AND e."toStatus" = 130) AS "proposal",
        bool_or(e."kind" = 'approval.approved') AS "approved",
        bool_or(e."kind" = 'status' AND e."toStatus" = 230) AS "ordered",
        bool_or(e."kind" = 'status' AND e."toStatus" = 320) AS "active"
      FROM "ContractEvent" e JOIN cohort ON cohort."id" = e."contractId"
      WHERE (e."kind" = 'status' AND e."toStatus" IN (120, 130, 230, 320)) OR e."kind" = 'approval.approved'
      GROUP BY e."contractId"
    )
    SELECT (SELECT count(*) FROM cohort) AS "draft",
      count(*) FILTER (WHERE r."requested") AS "requested",
      count(*) FILTER (WHERE r."proposal") AS "proposal",
      count(*) FILTER (WHERE r."approved") AS "approved",
      count(*) FILTER (WHERE r."ordered") AS "ordered",
      count(*) FILTER (WHERE r."active") AS "active"
    FROM reached r`;
  return { steps: FUNNEL_STEPS.map((step) => ({ step, count: Number(row?.[step] ?? 0) })) };
}

export async function turnaroundReport(query: ReportQuery): Promise<TurnaroundRow[]> {
  const rows = await db().$queryRaw<Array<{ leg: TurnaroundLeg; providerId: string | null; providerName: string | null; productId: string | null; productName: string | null; count: bigint; median: number; p90: number; providerTotal: number; productTotal: number }>>`
    WITH period AS (${bounds(query)}),
    events AS (
      SELECT e."contractId", e."toStatus", e."at", c."providerId", c."productId"
      FROM "ContractEvent" e JOIN (${scoped(query)}) c ON c."id" = e."contractId"
      WHERE e."kind" = 'status' AND e."toStatus" IN (120, 130, 230, 320)
    ),
    starts AS (
      SELECT "contractId", min("at") FILTER (WHERE "toStatus" = 120) AS "t120", min("at") FILTER (WHERE "toStatus" = 230) AS "t230"
      FROM events GROUP BY "contractId"
    ),
    spans AS (
      SELECT e."providerId", e."productId", s."t120", s."t230",
        min(e."at") FILTER (WHERE e."toStatus" = 130 AND e."at" > s."t120") AS "t130",
        min(e."at") FILTER (WHERE e."toStatus" = 320 AND e."at" > s."t230") AS "t320"
      FROM events e JOIN starts s ON s."contractId" = e."contractId"
      WHERE e."toStatus" IN (130, 320)
      GROUP BY e."contractId", e."providerId", e."productId", s."t120", s."t230"
    ),
    legs AS (
      SELECT '120-130' AS "leg", "providerId", "productId", extract(epoch FROM "t130" - "t120") AS "seconds", "t130" AS "ended" FROM spans WHERE "t130" IS NOT NULL
      UNION ALL
      SELECT '230-320', "providerId", "productId", extract(epoch FROM "t320" - "t230"), "t320" FROM spans WHERE "t320" IS NOT NULL
    ),
    agg AS (
      SELECT l."leg", l."providerId", l."productId", count(*) AS "count",
        GROUPING(l."providerId") AS "providerTotal", GROUPING(l."productId") AS "productTotal",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY l."seconds") AS "median",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY l."seconds") AS "p90"
      FROM legs l CROSS JOIN period p
      WHERE l."ended" >= p."start" AND l."ended" < p."end"
      GROUP BY GROUPING SETS ((l."leg", l."providerId", l."productId"), (l."leg", l."providerId"), (l."leg"))
    )
    SELECT a.*, pv."name" AS "providerName", pr."name" AS "productName"
    FROM agg a
    LEFT JOIN "Provider" pv ON a."providerTotal" = 0 AND pv."id" = a."providerId"
    LEFT JOIN "Product" pr ON a."productTotal" = 0 AND pr."id" = a."productId"
    ORDER BY a."leg", a."providerTotal" DESC, pv."name", a."providerId", a."productTotal" DESC, pr."name", a."productId"`;
  return rows.map((row) => ({
    leg: row.leg,
    level: Number(row.providerTotal) === 1 ? "overall" : Number(row.productTotal) === 1 ? "provider" : "product",
    providerId: row.providerId,
    providerName: row.providerName,
    productId: row.productId,
    productName: row.productName,
    count: Number(row.count),
    medianSeconds: Number(row.median),
    p90Seconds: Number(row.p90),
  }));
}

export async function timeInStatusReport(query: ReportQuery): Promise<TimeInStatusRow[]> {
  const rows = await db().$queryRaw<Array<{ status: number; count: bigint; median: number; p90: number; average: number }>>`
    WITH period AS (${bounds(query)}),
    stays AS (
      SELECT e."toStatus" AS "status", e."at" AS "entered", lead(e."at") OVER (PARTITION BY e."contractId" ORDER BY e."at", e."id") AS "left"
      FROM "ContractEvent" e JOIN (${scoped(query)}) c ON c."id" = e."contractId"
      WHERE e."kind" = 'status'
    )
    SELECT s."status", count(*) AS "count",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s."left" - s."entered")) AS "median",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s."left" - s."entered")) AS "p90",
      avg(extract(epoch FROM s."left" - s."entered")) AS "average"
    FROM stays s CROSS JOIN period p
    WHERE s."left" >= p."start" AND s."left" < p."end"
    GROUP BY s."status"
    ORDER BY s."status"`;
  return rows.map((row) => ({ status: row.status, count: Number(row.count), medianSeconds: Number(row.median), p90Seconds: Number(row.p90), averageSeconds: Number(row.average) }));
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
