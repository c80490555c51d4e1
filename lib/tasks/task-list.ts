/**
 * The "needs attention" list: what waits on the advisor, with a due date. Computed in SQL from the
 * columns the engine stores with every change (lib/contracts/turn.ts: `needsAttention` and
 * `nextStep`, with `approvalState` and `statusChangedAt`), so the list, the pipeline and the
 * contract page always agree. Advisors see their own contracts; admins and back office the whole
 * firm's (lib/auth/scope.ts); admins also the sync review items they alone can resolve.
 *
 * A task is due `taskDueDays` (a firm setting) after what caused it: the status change, or for a
 * declined proposal the customer's answer, for an expired link the moment it expired.
 */
import { db, Prisma } from "../db";
import { managesFirm, seesWholeFirm } from "../auth/roles";
import type { SessionUser } from "../auth/session";
import type { NextStep } from "../contracts/turn";
import { getOfficeSettings } from "./office-settings";
import { withAdviceSteps } from "../advice/current-advice";

export type TaskKind = "needs-data" | "needs-advice" | "unsent" | "declined" | "expired" | "voided" | "provider-declined" | "sync-review";

/** Which stored next step is which task (every next step with needsAttention = true). */
export const TASK_OF_STEP: Partial<Record<NextStep, TaskKind>> = {
  "complete-data": "needs-data",
  "send-approval": "unsent",
  // Not stored: the stored step refined by the advice record (withAdviceSteps), as on the contract page.
  "record-advice": "needs-advice",
  "after-decline": "declined",
  "resend-approval": "expired",
  "approval-voided": "voided",
  "try-another": "provider-declined",
};

export interface Task {
  /** Stable for a task and its cause: `<contract id>:<kind>` or `review:<item id>`. */
  key: string;
  kind: TaskKind;
  contractId: string | null;
  /** Where the advisor acts on it. */
  href: string;
  clientName: string | null;
  providerName: string;
  productName: string | null;
  status: number | null;
  advisor: { id: string; name: string } | null;
  since: Date;
  due: Date;
  overdue: boolean;
}

export interface TaskList {
  tasks: Task[];
  total: number;
  overdue: number;
  /** Whole-firm viewers may narrow the list to one advisor. */
  advisors: Array<{ id: string; name: string }> | null;
  advisorFilter: string | null;
  dueDays: number;
  asOf: Date;
}

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role">;

const LIMIT = 500;

/**
 * When a contract's task started (`t."since"`, over the contract `c`): the status change, or later
 * the customer's answer (declined) or the link's end (expired) for the current proposal version.
 */
const SINCE = Prisma.sql`
    LEFT JOIN LATERAL (
      SELECT MAX(CASE WHEN c."approvalState" = 'DECLINED' THEN a."decidedAt" ELSE a."expiresAt" END) AS "at"
      FROM "ApprovalRequest" a
      WHERE a."contractId" = c."id" AND a."proposalVersion" = c."proposalVersion"
        AND ((c."approvalState" = 'DECLINED' AND a."status" = 'DECLINED') OR (c."approvalState" = 'EXPIRED' AND a."status" = 'PENDING'))
    ) a ON c."approvalState" IN ('DECLINED', 'EXPIRED')
    CROSS JOIN LATERAL (SELECT GREATEST(c."statusChangedAt", COALESCE(a."at", c."statusChangedAt")) AS "since") t`;

/** The contracts needing attention in scope, with when it started; due dates follow from the firm's setting. */
function contractTaskRows(viewer: Viewer, options: { advisorId?: string | null; dueDays: number }) {
  const scope = seesWholeFirm(viewer.role) ? (options.advisorId ? Prisma.sql`AND c."advisorId" = ${options.advisorId}` : Prisma.empty) : Prisma.sql`AND c."advisorId" = ${viewer.id}`;
  const steps = Object.keys(TASK_OF_STEP);
  return db().$queryRaw<
    Array<{ id: string; nextStep: NextStep; proposalVersion: number; status: number; since: Date; due: Date; clientName: string; providerName: string; productName: string | null; advisorId: string; advisorName: string }>
  >`
    SELECT c."id", c."nextStep", c."proposalVersion", c."status", t."since", t."since" + make_interval(days => ${options.dueDays}::int) AS "due",
           cl."displayName" AS "clientName", p."name" AS "providerName", pr."name" AS "productName", u."id" AS "advisorId", u."name" AS "advisorName"
    FROM "Contract" c
    ${SINCE}
    JOIN "Client" cl ON cl."id" = c."clientId"
    JOIN "Provider" p ON p."id" = c."providerId"
    LEFT JOIN "Product" pr ON pr."id" = c."productId"
    JOIN "User" u ON u."id" = c."advisorId"
    WHERE c."organizationId" = ${viewer.organizationId} AND c."needsAttention" AND c."nextStep" = ANY(${steps}::text[]) ${scope}
    ORDER BY "due", c."id"
    LIMIT ${LIMIT}`;
}

function reviewTaskRows(organizationId: string, dueDays: number) {
  return db().$queryRaw<Array<{ id: string; createdAt: Date; due: Date; providerName: string; remoteId: string; reason: string }>>`
    SELECT r."id", r."createdAt", r."createdAt" + make_interval(days => ${dueDays}::int) AS "due", p."name" AS "providerName", r."remoteId", r."reason"
    FROM "SyncReviewItem" r JOIN "Provider" p ON p."id" = r."providerId"
    WHERE r."organizationId" = ${organizationId} AND r."state" = 'OPEN'
    ORDER BY "due", r."id"
    LIMIT ${LIMIT}`;
}

/** The viewer's tasks, soonest due first (overdue ones at the top). */
export async function listTasks(viewer: Viewer, input: { advisor?: string | string[] | null } = {}, now = new Date()): Promise<TaskList> {
  const { taskDueDays } = await getOfficeSettings(viewer.organizationId);
  const wholeFirm = seesWholeFirm(viewer.role);
  const advisorFilter = wholeFirm && typeof input.advisor === "string" && input.advisor.length > 0 && input.advisor.length < 64 ? input.advisor : null;
  // Sync review items are the firm's, resolved on an admin page: only for admins, and not in one advisor's view.
  const withReview = managesFirm(viewer.role) && !advisorFilter;
  const [contracts, reviews, advisors] = await Promise.all([
    contractTaskRows(viewer, { advisorId: advisorFilter, dueDays: taskDueDays }),
    withReview ? reviewTaskRows(viewer.organizationId, taskDueDays) : Promise.resolve([]),
    wholeFirm ? db().user.findMany({ where: { organizationId: viewer.organizationId, disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true } }) : Promise.resolve(null),
  ]);
  // The next step as the contract page shows it: "send the link" waits for the advice record first.
  const refined = (await withAdviceSteps(contracts)).filter((row) => TASK_OF_STEP[row.nextStep]);
  const tasks: Task[] = [
    ...refined.map((row) => ({
      key: `${row.id}:${TASK_OF_STEP[row.nextStep]}`,
      kind: TASK_OF_STEP[row.nextStep]!,
      contractId: row.id,
      href: `/contracts/${row.id}`,
      clientName: row.clientName,
      providerName: row.providerName,
      productName: row.productName,
      status: row.status,
      advisor: { id: row.advisorId, name: row.advisorName },
      since: row.since,
      due: row.due,
      overdue: row.due.getTime() <= now.getTime(),
    })),
    ...reviews.map((row) => ({
      key: `review:${row.id}`,
      kind: "sync-review" as const,
      contractId: null,
      href: "/admin/review",
      clientName: null,
      providerName: row.providerName,
      productName: null,
      status: null,
      advisor: null,
      since: row.createdAt,
      due: row.due,
      overdue: row.due.getTime() <= now.getTime(),
    })),
  ].sort((a, b) => a.due.getTime() - b.due.getTime() || a.key.localeCompare(b.key));
  return {
    tasks,
    total: tasks.length,
    overdue: tasks.filter((task) => task.overdue).length,
    advisors,
    advisorFilter,
    dueDays: taskDueDays,
    asOf: now,
  };
}

/** The number on the navigation's badge: the viewer's open tasks (at most 999 counted). */
export async function countTasks(viewer: Viewer): Promise<number> {
  const scope = seesWholeFirm(viewer.role) ? Prisma.empty : Prisma.sql`AND "advisorId" = ${viewer.id}`;
  const steps = Object.keys(TASK_OF_STEP);
  const [contracts] = await db().$queryRaw<Array<{ n: number }>>`
    SELECT COUNT(*)::int AS "n" FROM (
      SELECT 1 FROM "Contract" WHERE "organizationId" = ${viewer.organizationId} AND "needsAttention" AND "nextStep" = ANY(${steps}::text[]) ${scope} LIMIT 1000
    ) x`;
  const reviews = managesFirm(viewer.role) ? await db().syncReviewItem.count({ where: { organizationId: viewer.organizationId, state: "OPEN" } }) : 0;
  return Math.min(999, (contracts?.n ?? 0) + reviews);
}

/** Overdue contract tasks across the firm (for the advisor reminder job), with the advisor to tell. */
export async function overdueContractTasks(organizationId: string, dueDays: number, now = new Date(), limit = 1000) {
  const steps = Object.keys(TASK_OF_STEP);
  return db().$queryRaw<Array<{ id: string; nextStep: NextStep; status: number; due: Date; clientName: string; advisorId: string; advisorName: string; advisorEmail: string; advisorLocale: string | null }>>`
    SELECT c."id", c."nextStep", c."status", t."since" + make_interval(days => ${dueDays}::int) AS "due", cl."displayName" AS "clientName",
           u."id" AS "advisorId", u."name" AS "advisorName", u."email" AS "advisorEmail", u."locale" AS "advisorLocale"
    FROM "Contract" c
    ${SINCE}
    JOIN "Client" cl ON cl."id" = c."clientId"
    JOIN "User" u ON u."id" = c."advisorId"
    WHERE c."organizationId" = ${organizationId} AND c."needsAttention" AND c."nextStep" = ANY(${steps}::text[]) AND NOT u."disabled"
      AND t."since" + make_interval(days => ${dueDays}::int) <= ${now}
    ORDER BY "due", c."id"
    LIMIT ${limit}`;
}
