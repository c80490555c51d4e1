/** /admin: consumers, dialects, fault injection, callback log, contract history and staging, seeding. Admin token required. */
import { z } from "zod";
import { CONTRACT_STATUS as S, CONFLICT_CODES, statusCodeSchema, timestampSchema } from "../../lib/finum";
import { requireAdmin } from "../auth/admin";
import { faultsSchema } from "../consumers/faults";
import { consumerInputSchema, deleteConsumer, getConsumer, listConsumers, publicView, setConsumerDialect, setConsumerFaults, upsertConsumer } from "../consumers/registry";
import { DIALECT_NAMES, DIALECTS, dialectOf } from "../dialects/table";
import type { SandboxContext } from "../context";
import { inTransaction, type Tx } from "../db/pool";
import { saveContract } from "../flow/save-contract";
import { readJsonBody } from "../http/body";
import { badRequest, conflict, notFound, parseOr } from "../http/errors";
import { sendJson } from "../http/respond";
import type { Handler, RequestContext, Router } from "../http/router";
import { seedContracts } from "../seed";
import { lockContract } from "../store/contracts";
import { NEXT_UPDATED_AT_SQL, RECORD_SQL } from "../store/records";
import { ensureConsumerUsers } from "../store/users";

const callbackQuerySchema = z.object({
  consumerId: z.string().optional(),
  contractId: z.string().optional(),
  status: z.enum(["pending", "delivered", "failed", "dropped"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const seedSchema = z.object({ consumerId: z.string().min(1), contracts: z.number().int().min(1).max(1_000_000), clients: z.number().int().min(1).max(1_000_000).optional() });
/** Faults as stored, plus `forMs`: the set is in force for that long from now (stored as `until`). */
const faultsInputSchema = faultsSchema.safeExtend({ forMs: z.number().int().min(1).max(24 * 3_600_000).optional() });
const dialectInputSchema = z.object({ dialect: z.enum(DIALECT_NAMES) }).strict();
const statusInputSchema = z
  .object({ status: statusCodeSchema, statusNote: z.string().max(500).nullable().optional(), updatedAt: timestampSchema.optional(), callback: z.boolean().default(true) })
  .strict();
const stampInputSchema = z.object({ updatedAt: timestampSchema, statusNote: z.string().max(500).nullable().optional() }).strict();

export function registerAdminRoutes(router: Router, ctx: SandboxContext): void {
  const admin = (handler: Handler): Handler => async (request: RequestContext) => {
    requireAdmin(request.req.headers.authorization, ctx.config.adminToken);
    await handler(request);
  };

  router.on("GET", "/admin/consumers", admin(async ({ res }) => sendJson(res, 200, (await listConsumers(ctx.db)).map(publicView))));

  router.on(
    "POST",
    "/admin/consumers",
    admin(async ({ req, res }) => {
      const input = parseOr(consumerInputSchema, (await readJsonBody(req)).value, "body");
      const consumer = await upsertConsumer(ctx.db, input, "admin");
      await ensureConsumerUsers(ctx.db, consumer.consumerId, dialectOf(consumer.dialect, ctx.config.defaultDialect).ids.user);
      sendJson(res, 201, publicView(consumer));
    }),
  );

  router.on(
    "DELETE",
    "/admin/consumers/:consumerId",
    admin(async ({ res, params }) => {
      if (!(await deleteConsumer(ctx.db, params.consumerId!))) throw notFound(`No consumer ${params.consumerId}`);
      sendJson(res, 200, { deleted: params.consumerId });
    }),
  );

  router.on(
    "GET",
    "/admin/consumers/:consumerId/faults",
    admin(async ({ res, params }) => {
      const consumer = await getConsumer(ctx.db, params.consumerId!);
      if (!consumer) throw notFound(`No consumer ${params.consumerId}`);
      sendJson(res, 200, { faults: consumer.faults, defaults: ctx.config.defaultFaults });
    }),
  );

  router.on(
    "PUT",
    "/admin/consumers/:consumerId/faults",
    admin(async ({ req, res, params }) => {
      const { forMs, ...faults } = parseOr(faultsInputSchema, (await readJsonBody(req)).value, "body");
      if (forMs !== undefined) faults.until = new Date(Date.now() + forMs).toISOString();
      const consumer = await setConsumerFaults(ctx.db, params.consumerId!, faults);
      if (!consumer) throw notFound(`No consumer ${params.consumerId}`);
      sendJson(res, 200, { faults: consumer.faults });
    }),
  );

  router.on("GET", "/admin/dialects", admin(async ({ res }) => sendJson(res, 200, Object.values(DIALECTS))));

  router.on(
    "PUT",
    "/admin/consumers/:consumerId/dialect",
    admin(async ({ req, res, params }) => {
      const { dialect } = parseOr(dialectInputSchema, (await readJsonBody(req)).value, "body");
      const consumer = await setConsumerDialect(ctx.db, params.consumerId!, dialect);
      if (!consumer) throw notFound(`No consumer ${params.consumerId}`);
      sendJson(res, 200, publicView(consumer));
    }),
  );

  router.on(
    "GET",
    "/admin/callbacks",
    admin(async ({ res, url }) => {
      const filter = parseOr(callbackQuerySchema, Object.fromEntries(url.searchParams), "query");
      const { rows } = await ctx.db.query(
        `select d.id, d.webhook_id, d.consumer_id, d.contract_id, d.url, d.body, d.status, d.attempts, d.fault, d.last_error,
                d.created_at, d.next_attempt_at, d.finished_at,
                coalesce((select json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at, 'durationMs', a.duration_ms,
                                                            'responseStatus', a.response_status, 'error', a.error) order by a.id)
                          from callback_attempts a where a.delivery_id = d.id), '[]') as attempt_log
         from callback_deliveries d
         where ($1::text is null or d.consumer_id = $1) and ($2::text is null or d.contract_id = $2) and ($3::text is null or d.status = $3)
         order by d.id desc limit $4`,
        [filter.consumerId ?? null, filter.contractId ?? null, filter.status ?? null, filter.limit],
      );
      sendJson(
        res,
        200,
        rows.map((row) => ({
          id: Number(row.id),
          webhookId: row.webhook_id,
          consumerId: row.consumer_id,
          contractId: row.contract_id,
          url: row.url,
          body: JSON.parse(row.body),
          status: row.status,
          attempts: row.attempts,
          fault: row.fault,
          lastError: row.last_error,
          createdAt: row.created_at,
          nextAttemptAt: row.next_attempt_at,
          finishedAt: row.finished_at,
          attemptLog: row.attempt_log,
        })),
      );
    }),
  );

  router.on(
    "GET",
    "/admin/contracts/:id/events",
    admin(async ({ res, params }) => {
      const { rows } = await ctx.db.query(
        "select from_status as \"from\", to_status as \"to\", actor, note, at from contract_events where contract_id = $1 order by id",
        [params.id],
      );
      if (rows.length === 0) throw notFound(`No contract ${params.id}`);
      sendJson(res, 200, rows);
    }),
  );

  router.on(
    "POST",
    "/admin/contracts/:id/terminate",
    admin(async ({ res, params }) => {
      const record = await inTransaction(ctx.db, async (tx) => {
        const row = await lockContract(tx, params.id!);
        if (!row) throw notFound(`No contract ${params.id}`);
        if (row.status !== S.ACTIVE) throw conflict(CONFLICT_CODES.invalidTransition, `Only active (320) contracts can be terminated; this one is ${row.status}`);
        const previous = row.status;
        row.status = S.TERMINATED;
        row.flowSeq += 1;
        row.record.statusNote = "Terminated";
        return saveContract(tx, ctx, previous, row, [{ from: previous, to: S.TERMINATED, actor: "admin" }]);
      });
      sendJson(res, 200, record);
    }),
  );

  // Any status, known or not (e.g. 250, 510), as the provider would set it; a callback unless `callback: false`.
  router.on(
    "POST",
    "/admin/contracts/:id/status",
    admin(async ({ req, res, params }) => {
      const input = parseOr(statusInputSchema, (await readJsonBody(req)).value, "body");
      const record = await inTransaction(ctx.db, async (tx) => {
        const row = await lockContract(tx, params.id!);
        if (!row) throw notFound(`No contract ${params.id}`);
        const previous = row.status;
        row.status = input.status;
        row.flowSeq += 1;
        if (input.statusNote !== undefined) row.record.statusNote = input.statusNote;
        const saved = await saveContract(tx, ctx, input.callback ? previous : input.status, row, [{ from: previous, to: input.status, actor: "admin", note: input.statusNote }]);
        return input.updatedAt ? stamp(tx, row.id, input.updatedAt) : saved;
      });
      sendJson(res, 200, record);
    }),
  );

  // A change stamped exactly at `updatedAt` (the since-boundary case); no callback, so only a sync finds it.
  router.on(
    "PUT",
    "/admin/contracts/:id/updated-at",
    admin(async ({ req, res, params }) => {
      const input = parseOr(stampInputSchema, (await readJsonBody(req)).value, "body");
      const record = await inTransaction(ctx.db, async (tx) => {
        const row = await lockContract(tx, params.id!);
        if (!row) throw notFound(`No contract ${params.id}`);
        if (input.statusNote !== undefined) {
          await tx.query(`update contracts set record = record || jsonb_build_object('statusNote', $2::text), updated_at = ${NEXT_UPDATED_AT_SQL} where id = $1`, [
            row.id,
            input.statusNote,
          ]);
        }
        return stamp(tx, row.id, input.updatedAt);
      });
      sendJson(res, 200, record);
    }),
  );

  router.on(
    "POST",
    "/admin/seed",
    admin(async ({ req, res }) => {
      const input = parseOr(seedSchema, (await readJsonBody(req)).value, "body");
      const consumer = await getConsumer(ctx.db, input.consumerId);
      if (!consumer) throw notFound(`No consumer ${input.consumerId}`);
      // Ids as the consumer's dialect makes them (digits, UUIDs), so a seeded foreign provider looks foreign.
      const { ids } = dialectOf(consumer.dialect, ctx.config.defaultDialect);
      sendJson(res, 201, await seedContracts(ctx.db, input.consumerId, input.contracts, { ids, clients: input.clients }));
    }),
  );
}

/** Sets a contract's updated_at to exactly this instant (millisecond precision, as the API reads it). */
async function stamp(tx: Tx, id: string, updatedAt: string): Promise<Record<string, unknown>> {
  const at = new Date(updatedAt);
  if (Number.isNaN(at.getTime())) throw badRequest("updatedAt is not a timestamp");
  const { rows } = await tx.query(`update contracts set updated_at = date_trunc('milliseconds', $2::timestamptz) where id = $1 returning ${RECORD_SQL} as record`, [id, at]);
  return rows[0].record as Record<string, unknown>;
}
