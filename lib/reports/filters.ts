/**
 * What a report is asked for: a period of calendar days (in the firm's time zone, both days
 * included) and, for those who see the whole firm, one advisor. Advisors always see their own
 * contracts; an advisor filter for someone else is refused, not silently widened.
 */
import { db } from "../db";
import { AppError } from "../errors";
import { contractScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";

export type ReportViewer = Pick<SessionUser, "id" | "organizationId" | "role">;

export interface ReportQuery {
  organizationId: string;
  /** First day of the period, YYYY-MM-DD (Europe/Berlin). */
  from: string;
  /** Last day of the period, included. */
  to: string;
  /** Only this advisor's contracts; null: the whole firm. */
  advisorId: string | null;
  /** Whether the viewer may choose the advisor (sees the whole firm). */
  wholeFirm: boolean;
}

/** The default period: the last 90 days up to today. */
export const DEFAULT_PERIOD_DAYS = 90;
/** At most this many days at once (ten years: reports stay fast, a typo like 0202 is caught). */
const MAX_PERIOD_DAYS = 3_700;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Berlin as YYYY-MM-DD. */
export function todayInBerlin(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function dayValue(value: string): number | null {
  if (!DAY.test(value)) return null;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? null : time;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** Reads and checks the period and advisor from a page's or route's search parameters. */
export async function reportQueryOf(viewer: ReportViewer, params: Record<string, string | string[] | undefined>, now = new Date()): Promise<ReportQuery> {
  const scope = contractScope(viewer) as { organizationId: string; advisorId?: string };
  const wholeFirm = !scope.advisorId;
  const today = todayInBerlin(now);
  const to = one(params.to) ?? today;
  const toValue = dayValue(to);
  const from = one(params.from) ?? (toValue === null ? today : new Date(toValue - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS).toISOString().slice(0, 10));
  const fromValue = dayValue(from);
  const fieldErrors: Record<string, string[]> = {};
  if (fromValue === null) fieldErrors.from = ["reports.errors.day"];
  if (toValue === null) fieldErrors.to = ["reports.errors.day"];
  if (fromValue !== null && toValue !== null) {
    if (fromValue > toValue) fieldErrors.to = ["reports.errors.order"];
    else if ((toValue - fromValue) / DAY_MS + 1 > MAX_PERIOD_DAYS) fieldErrors.from = ["reports.errors.tooLong"];
  }
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", "reports.errors.period", { fieldErrors });

  const asked = one(params.advisor) ?? null;
  let advisorId: string | null = scope.advisorId ?? null;
  if (asked && scope.advisorId && asked !== scope.advisorId) throw new AppError("FORBIDDEN", "reports.errors.otherAdvisor");
  if (asked && wholeFirm) {
    const known = await db().user.count({ where: { id: asked, organizationId: viewer.organizationId } });
    if (!known) throw new AppError("VALIDATION", "reports.errors.advisor", { fieldErrors: { advisor: ["reports.errors.advisor"] } });
    advisorId = asked;
  }
  return { organizationId: viewer.organizationId, from, to, advisorId, wholeFirm };
}

/** The people a whole-firm viewer can filter by: everyone in the firm who advises (or has contracts). */
export async function advisorOptions(viewer: ReportViewer): Promise<Array<{ id: string; name: string }>> {
  return db().user.findMany({
    where: { organizationId: viewer.organizationId, OR: [{ role: "ADVISOR" }, { contracts: { some: {} } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
