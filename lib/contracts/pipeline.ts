/**
 * The pipeline dashboard: the viewer's contracts with counts per phase, status and whose turn,
 * filters and keyset paging (statusChangedAt desc, id desc). Whose turn is READ from the
 * contract, where lib/contracts/turn.ts stored it with every change, so the pipeline and the
 * contract page always agree (and the turn filter uses the (organizationId, turn,
 * statusChangedAt, id) index). Offsets would slow down with every page and
 * skip or repeat rows when statuses change between two clicks; a keyset cursor does neither.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { clientScope, contractScope } from "../auth/scope";
import { seesWholeFirm } from "../auth/roles";
import type { SessionUser } from "../auth/session";
import type { Prisma } from "../generated/prisma/client";
import type { Turn as StoredTurn } from "../generated/prisma/enums";
import { msg, type Msg } from "../i18n/message";
import { PHASES, statusView, type ContractStatusView, type Phase, type Turn } from "./status";
import type { NextStep } from "./turn";
import { withAdviceSteps } from "../advice/current-advice";

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role">;

export const PIPELINE_PAGE_SIZE = 25;
export const PIPELINE_MAX_PAGE_SIZE = 100;

const PHASE_NAMES = PHASES.map((entry) => entry.phase);

/** Codes of a phase as a range, so codes a provider adds later (e.g. 150) are counted and filtered too. */
const PHASE_WHERE: Record<Exclude<Phase, "unknown">, Prisma.IntFilter> = {
  draft: { equals: 0 },
  proposal: { gte: 100, lt: 200 },
  ordering: { gte: 200, lt: 300 },
  "in-force": { gte: 300, lt: 400 },
  ended: { gte: 400, lt: 500 },
};

const CLIENT_ID = /^c[a-z0-9]{20,31}$/;
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A search param given once, several times, or not at all; empty values (from a GET form) mean "any". */
const param = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
  .optional()
  .transform((value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item) => String(item).trim()).filter(Boolean));

const single = (name: string) =>
  param.transform((values, ctx) => {
    if (values.length > 1) ctx.addIssue({ code: "custom", message: `Choose one ${name} at a time.`, params: { msg: msg("pipeline.errors.oneAtATime", { name }) } });
    return values[0];
  });

const idParam = (name: string) =>
  single(name).refine((value) => value === undefined || RECORD_ID.test(value), { message: `That ${name} filter is not valid.`, params: { msg: msg("pipeline.errors.filterInvalid", { name }) } });

export const TURN_PARAMS = ["advisor", "customer", "provider", "none"] as const satisfies readonly Turn[];
const STORED_TURN: Record<Turn, StoredTurn> = { advisor: "ADVISOR", customer: "CUSTOMER", provider: "PROVIDER", none: "NONE" };
const turnOfStored = (turn: StoredTurn) => turn.toLowerCase() as Turn;

export type StatusToken = { phase: Exclude<Phase, "unknown"> } | { code: number };

export const pipelineQuerySchema = z.object({
  // "110", "110,120", ["110", "120"], "proposal", or a mix.
  status: param.transform((values, ctx): StatusToken[] => {
    const tokens: StatusToken[] = [];
    for (const raw of values.flatMap((value) => value.split(",")).map((value) => value.trim().toLowerCase()).filter(Boolean)) {
      if ((PHASE_NAMES as string[]).includes(raw)) tokens.push({ phase: raw as Exclude<Phase, "unknown"> });
      else if (/^\d{1,3}$/.test(raw)) tokens.push({ code: Number(raw) });
      else ctx.addIssue({ code: "custom", message: `“${raw.slice(0, 40)}” is not a status or phase.`, params: { msg: msg("pipeline.errors.notAStatus", { value: raw.slice(0, 40) }) } });
    }
    return tokens;
  }),
  turn: single("turn").refine((value) => value === undefined || (TURN_PARAMS as readonly string[]).includes(value.toLowerCase()), { message: "pipeline.errors.filterInvalid", params: { msg: msg("pipeline.errors.filterInvalid", { name: "turn" }) } }).transform((value) => value?.toLowerCase() as Turn | undefined),
  provider: idParam("provider"),
  advisor: idParam("advisor"),
  client: single("client").refine((value) => value === undefined || value.length <= 100, { message: "pipeline.errors.clientSearchTooLong", params: { msg: msg("pipeline.errors.clientSearchTooLong") } }),
  pageSize: single("page size")
    .transform((value) => (value === undefined ? PIPELINE_PAGE_SIZE : Number(value)))
    .refine((value) => Number.isInteger(value) && value >= 1 && value <= PIPELINE_MAX_PAGE_SIZE, { message: `The page size must be a whole number from 1 to ${PIPELINE_MAX_PAGE_SIZE}.`, params: { msg: msg("pipeline.errors.pageSize", { max: PIPELINE_MAX_PAGE_SIZE }) } }),
  pageToken: single("page"),
});

/** Raw input: a Next.js `searchParams` object, a URLSearchParams, or the typed fields. */
export type PipelineQueryInput = URLSearchParams | Record<string, string | number | Array<string | number> | undefined>;
export type PipelineQuery = z.output<typeof pipelineQuerySchema>;

export function parsePipelineQuery(input: PipelineQueryInput): PipelineQuery {
  const record: Record<string, unknown> = {};
  if (input instanceof URLSearchParams) for (const key of new Set(input.keys())) record[key] = input.getAll(key);
  else Object.assign(record, input);
  const parsed = pipelineQuerySchema.safeParse(record);
  if (!parsed.success) {
    // Each issue's own message (key and values, in params.msg); the English text stays for logs.
    const fieldErrors: Record<string, Msg[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "query")] ??= []).push((issue as { params?: { msg?: Msg } }).params?.msg ?? msg("pipeline.errors.invalidQuery"));
    const all = Object.values(fieldErrors).flat();
    throw new AppError("BAD_REQUEST", all.length === 1 ? all[0]! : msg("pipeline.errors.invalidQuery"), { fieldErrors });
  }
  return parsed.data;
}

interface Cursor {
  statusChangedAt: Date;
  id: string;
}

export function encodePageToken(cursor: Cursor): string {
  return Buffer.from(`${cursor.statusChangedAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodePageToken(token: string): Cursor {
  const invalid = new AppError("BAD_REQUEST", "pipeline.errors.pageLinkInvalid", { fieldErrors: { pageToken: ["pipeline.errors.pageToken"] } });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) throw invalid;
  const [at, id, ...rest] = Buffer.from(token, "base64url").toString("utf8").split("|");
  const statusChangedAt = new Date(at ?? "");
  if (rest.length || !id || !RECORD_ID.test(id) || Number.isNaN(statusChangedAt.getTime()) || statusChangedAt.toISOString() !== at) throw invalid;
  return { statusChangedAt, id };
}

function statusWhere(tokens: StatusToken[]): Prisma.ContractWhereInput | undefined {
  if (!tokens.length) return undefined;
  const codes = tokens.flatMap((token) => ("code" in token ? [token.code] : []));
  const ranges = tokens.flatMap((token) => ("phase" in token ? [PHASE_WHERE[token.phase]] : []));
  const parts: Prisma.ContractWhereInput[] = [...(codes.length ? [{ status: { in: [...new Set(codes)] } }] : []), ...ranges.map((status) => ({ status }))];
  return parts.length === 1 ? parts[0] : { OR: parts };
}

export interface PipelineRow {
  id: string;
  client: { id: string; displayName: string };
  provider: { id: string; name: string };
  product: { id: string; name: string } | null;
  advisor: { id: string; name: string };
  status: ContractStatusView;
  /** Stored with the contract by lib/contracts/turn.ts. */
  turn: StoredTurn;
  nextStep: NextStep;
  needsAttention: boolean;
  statusChangedAt: Date;
  /** Decimal as a string ("89.90"), so it survives serialization unchanged. */
  premium: string | null;
  currency: string | null;
}

export interface PipelineCounts {
  total: number;
  byPhase: Record<Exclude<Phase, "unknown">, number> & { unknown: number };
  byStatus: Array<{ status: ContractStatusView; count: number }>;
  byTurn: Record<Turn, number>;
  /** Contracts flagged as needing the advisor's attention (declined, expired, voided, unsent, data asked for). */
  needsAttention: number;
}

export interface Pipeline {
  query: PipelineQuery;
  /** When the data was read: "time in status" is measured against it. */
  asOf: Date;
  /** Whether any filter other than paging is set (for telling "nothing yet" from "no matches"). */
  filtered: boolean;
  counts: PipelineCounts;
  rows: PipelineRow[];
  nextPageToken: string | null;
  options: {
    providers: Array<{ id: string; name: string }>;
    /** Only for admins; advisors always see their own contracts. */
    advisors: Array<{ id: string; name: string; disabled: boolean }> | null;
    /** The client named by a client-id filter, when the viewer may see it. */
    client: { id: string; displayName: string } | null;
  };
}

export async function getPipeline(viewer: Viewer, input: PipelineQueryInput = {}): Promise<Pipeline> {
  const query = parsePipelineQuery(input);
  const cursor = query.pageToken ? decodePageToken(query.pageToken) : null;
  const isAdmin = seesWholeFirm(viewer.role);

  const clientIsId = query.client !== undefined && CLIENT_ID.test(query.client);
  const base: Prisma.ContractWhereInput = {
    ...contractScope(viewer),
    ...(query.provider ? { providerId: query.provider } : {}),
    // Advisors are already limited to their own contracts by contractScope.
    ...(isAdmin && query.advisor ? { advisorId: query.advisor } : {}),
    ...(query.client ? (clientIsId ? { clientId: query.client } : { client: { searchText: { contains: query.client.toLowerCase() } } }) : {}),
  };
  const byStatus = statusWhere(query.status);
  const pageWhere: Prisma.ContractWhereInput = {
    AND: [
      base,
      ...(byStatus ? [byStatus] : []),
      ...(query.turn ? [{ turn: STORED_TURN[query.turn] }] : []),
      ...(cursor ? [{ OR: [{ statusChangedAt: { lt: cursor.statusChangedAt } }, { statusChangedAt: cursor.statusChangedAt, id: { lt: cursor.id } }] }] : []),
    ],
  };

  const [rows, groups, providers, advisors, client] = await Promise.all([
    db().contract.findMany({
      where: pageWhere,
      orderBy: [{ statusChangedAt: "desc" }, { id: "desc" }],
      take: query.pageSize + 1,
      select: {
        id: true,
        status: true,
        turn: true,
        nextStep: true,
        needsAttention: true,
        statusChangedAt: true,
        proposalVersion: true,
        premium: true,
        currency: true,
        client: { select: { id: true, displayName: true } },
        provider: { select: { id: true, name: true } },
        product: { select: { id: true, name: true } },
        advisor: { select: { id: true, name: true } },
      },
    }),
    db().contract.groupBy({ by: ["status", "turn", "needsAttention"], where: base, _count: { _all: true }, orderBy: [{ status: "asc" }, { turn: "asc" }, { needsAttention: "asc" }] }),
    db().provider.findMany({ where: { organizationId: viewer.organizationId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    isAdmin ? db().user.findMany({ where: { organizationId: viewer.organizationId }, select: { id: true, name: true, disabled: true }, orderBy: { name: "asc" } }) : null,
    clientIsId ? db().client.findFirst({ where: { id: query.client, ...clientScope(viewer) }, select: { id: true, displayName: true } }) : null,
  ]);

  // The engine's step refined by the advice record, exactly as on the contract page.
  const page = await withAdviceSteps(rows.slice(0, query.pageSize));
  const last = page[page.length - 1];
  return {
    query,
    asOf: new Date(),
    filtered: Boolean(query.status.length || query.turn || query.provider || (isAdmin && query.advisor) || query.client),
    counts: countsOf(groups.map((group) => ({ status: group.status, turn: group.turn, needsAttention: group.needsAttention, count: group._count._all }))),
    rows: page.map(({ proposalVersion: _version, ...row }) => ({
      ...row,
      status: statusView(row.status),
      nextStep: row.nextStep as NextStep,
      premium: row.premium?.toFixed(2) ?? null,
    })),
    nextPageToken: rows.length > query.pageSize && last ? encodePageToken(last) : null,
    options: { providers, advisors, client },
  };
}

export function countsOf(groups: Array<{ status: number; turn: StoredTurn; needsAttention: boolean; count: number }>): PipelineCounts {
  const counts: PipelineCounts = {
    total: 0,
    byPhase: { draft: 0, proposal: 0, ordering: 0, "in-force": 0, ended: 0, unknown: 0 },
    byStatus: [],
    byTurn: { advisor: 0, customer: 0, provider: 0, none: 0 },
    needsAttention: 0,
  };
  const byStatus = new Map<number, number>();
  for (const { status, turn, needsAttention, count } of groups) {
    counts.total += count;
    counts.byPhase[statusView(status).phase] += count;
    counts.byTurn[turnOfStored(turn)] += count;
    if (needsAttention) counts.needsAttention += count;
    byStatus.set(status, (byStatus.get(status) ?? 0) + count);
  }
  counts.byStatus = [...byStatus].sort(([a], [b]) => a - b).map(([status, count]) => ({ status: statusView(status), count }));
  return counts;
}

/** The `status` search param for a parsed status filter ("proposal", "0,110"); "" for none. */
export function statusParamOf(tokens: StatusToken[]): string {
  return tokens.map((token) => ("phase" in token ? token.phase : String(token.code))).join(",");
}
