import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readiness } from "@/lib/ops/readiness";
import { runRetention } from "@/lib/jobs/retention";
import { stopBoss } from "@/lib/jobs/boss";
import { findFreePort } from "../../scripts/lib/postgres";
import { makeFirm } from "../factories";

afterAll(() => stopBoss());

describe("readiness", () => {
  it("is ready with the database, the migrations and the job queue up", async () => {
    const result = await readiness();
    expect(result.checks).toMatchObject({ database: { ok: true }, migrations: { ok: true }, jobs: { ok: true } });
    expect(result.ready).toBe(true);
  });

  it("is not ready, with a reason and no connection string, when PostgreSQL does not answer", async () => {
    const holder = globalThis as unknown as { proposalDeskPgPool?: pg.Pool };
    const real = holder.proposalDeskPgPool;
    holder.proposalDeskPgPool = new pg.Pool({ connectionString: `postgresql://u:secret-pw@127.0.0.1:${await findFreePort()}/none`, connectionTimeoutMillis: 1_000 });
    try {
      const result = await readiness();
      expect(result.ready).toBe(false);
      expect(result.checks.database.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain("secret-pw");
    } finally {
      await holder.proposalDeskPgPool.end();
      holder.proposalDeskPgPool = real;
    }
    expect((await readiness()).ready).toBe(true); // and ready again once it answers
  });
});

describe("retention", () => {
  it("removes old request logs, processed callbacks, sent mails and live events, keeps audit rows, pending deliveries and mails still to send", async () => {
    const firm = await makeFirm();
    const provider = await db().provider.create({ data: { organizationId: firm.org.id, name: `ret-${Date.now()}`, baseUrl: "https://provider.example", consumerId: "c", publicKeyPem: "k", privateKeyEnc: "x" } });
    const old = new Date(Date.now() - 400 * 86_400_000);
    const request = await db().providerRequest.create({ data: { providerId: provider.id, method: "GET", path: "/", durationMs: 1, requestId: "r", at: old } });
    const recent = await db().providerRequest.create({ data: { providerId: provider.id, method: "GET", path: "/", durationMs: 1, requestId: "r2" } });
    const processed = await db().callbackDelivery.create({ data: { providerId: provider.id, webhookId: `w1-${Date.now()}`, body: "{}", receivedAt: old, processedAt: old, outcome: "applied" } });
    const pending = await db().callbackDelivery.create({ data: { providerId: provider.id, webhookId: `w2-${Date.now()}`, body: "{}", receivedAt: old } });
    const event = await db().liveEvent.create({ data: { payload: {}, at: new Date(Date.now() - 3 * 3600_000) } });
    const audit = await db().auditEvent.create({ data: { organizationId: firm.org.id, action: "test.old", entityType: "Test", at: old } });
    const mail = (state: "SENT" | "FAILED" | "PENDING", createdAt: Date) => db().queuedMail.create({ data: { organizationId: firm.org.id, kind: "test.retention", to: "someone@example.test", subject: "s", text: "t", state, createdAt, sendAfter: new Date(Date.now() + 86_400_000) } }); // no mail worker of another test sends it meanwhile
    const [oldSent, oldFailed, oldPending, recentSent] = [await mail("SENT", old), await mail("FAILED", old), await mail("PENDING", old), await mail("SENT", new Date())];

    const removed = await runRetention();
    expect(removed.providerRequests).toBeGreaterThanOrEqual(1);
    expect(await db().providerRequest.findUnique({ where: { id: request.id } })).toBeNull();
    expect(await db().providerRequest.findUnique({ where: { id: recent.id } })).not.toBeNull();
    expect(await db().callbackDelivery.findUnique({ where: { id: processed.id } })).toBeNull();
    expect(await db().callbackDelivery.findUnique({ where: { id: pending.id } })).not.toBeNull();
    expect(await db().liveEvent.findUnique({ where: { id: event.id } })).toBeNull();
    expect(await db().auditEvent.findUnique({ where: { id: audit.id } })).not.toBeNull();
    expect(removed.mails).toBeGreaterThanOrEqual(2);
    const left = new Set((await db().queuedMail.findMany({ where: { id: { in: [oldSent.id, oldFailed.id, oldPending.id, recentSent.id] } }, select: { id: true } })).map((row) => row.id));
    expect(left).toEqual(new Set([oldPending.id, recentSent.id]));
  });
});

describe("audit rows", () => {
  it("keep the request id of the request (or job) that wrote them", async () => {
    const { recordAudit } = await import("@/lib/audit");
    const { withContext } = await import("@/lib/log/context");
    const firm = await makeFirm();
    await withContext({ requestId: "req-audit-42" }, () => recordAudit({ organizationId: firm.org.id, action: "test.request-id", entityType: "Test" }));
    const row = await db().auditEvent.findFirstOrThrow({ where: { organizationId: firm.org.id, action: "test.request-id" } });
    expect(row.requestId).toBe("req-audit-42");
  });
});
