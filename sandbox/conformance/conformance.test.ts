/**
 * The conformance suite against the sandbox started by tests/setup/sandbox.ts: one test per
 * check for the standard dialect (which follows every convention), then a whole run against
 * every other dialect, which must be compatible with its differences listed.
 */
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHECKS, createCheckContext, missingRequirements, runCheck, runConformance, runQuickConformance, type CheckContext } from "../../lib/finum/conformance";
import { DIALECT_NAMES, type DialectName } from "../dialects/table";
import { ConsumerClient } from "../../lib/finum/conformance/client";
import { sandboxChecks } from "./checks/sandbox";

const ALL_CHECKS = [...CHECKS, ...sandboxChecks];

describe("FiNUM conformance (sandbox, standard dialect)", () => {
  let ctx: CheckContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const consumer = inject("sandboxConsumer");
    ({ ctx, close } = await createCheckContext({
      baseUrl: inject("sandboxUrl"),
      consumerId: consumer.consumerId,
      privateKeyPem: consumer.privateKeyPem,
      audience: inject("sandboxAudience"),
      webhookSecret: consumer.webhookSecret,
      adminToken: inject("sandboxAdminToken"),
      sandboxRules: true,
      stepTimeoutMs: 15_000,
    }));
  });
  afterAll(async () => close?.());

  for (const check of ALL_CHECKS) {
    it(`${check.kind} ${check.id}: ${check.title}`, async () => {
      const missing = missingRequirements(check, ctx);
      if (missing.length > 0) throw new Error(`the test sandbox should provide ${missing.join(", ")}`);
      // The standard dialect follows every convention: here a difference is a failure too.
      const result = await runCheck(check, ctx);
      if (result.outcome !== "pass") throw new Error(result.message);
    });
  }
});

/** What each dialect must be reported to differ in (at least), by check id. */
const EXPECTED_DIFFERENCES: Record<Exclude<DialectName, "standard">, string[]> = {
  "numeric-ids": [
    "auth.status-body",
    "errors.body",
    "reads.id-cap",
    "records.ids",
    "records.timestamps",
    "records.fields",
    "records.nulls",
    "records.premium",
    "records.proposal-file",
    "records.file-content-type",
    "products.field-types",
    "flow.missing-data-at-once",
    "flow.status-codes",
    "callbacks.body",
    "writes.validation-details",
  ],
  "problem-json": [
    "auth.status-body",
    "errors.body",
    "reads.id-cap",
    "records.timestamps",
    "records.fields",
    "records.premium",
    "flow.status-codes",
    "callbacks.body",
    "writes.extensions-kept",
    "writes.validation-details",
  ],
};

describe("FiNUM conformance against every provider dialect", () => {
  for (const dialect of DIALECT_NAMES.filter((name) => name !== "standard") as Exclude<DialectName, "standard">[]) {
    it(`${dialect}: compatible, with its differences listed`, { timeout: 120_000 }, async () => {
      const consumer = inject("sandboxDialects")[dialect];
      const report = await runConformance({
        baseUrl: inject("sandboxUrl"),
        consumerId: consumer.consumerId,
        privateKeyPem: consumer.privateKeyPem,
        audience: inject("sandboxAudience"),
        webhookSecret: consumer.webhookSecret,
        stepTimeoutMs: 15_000,
      });
      console.log(`[${dialect}] ${report.summary}`);
      expect(report.failures.map((failure) => `${failure.id}: ${failure.message}`)).toEqual([]);
      expect(report.compatible).toBe(true);
      expect(report.summary).toMatch(/^Conformance: compatible/);
      const differing = report.differences.map((difference) => difference.id);
      expect(differing).toEqual(expect.arrayContaining(EXPECTED_DIFFERENCES[dialect]));
      for (const difference of report.differences) {
        expect(difference.message).toMatch(/^differs: /);
        expect(difference.adapts).toBeTruthy();
      }
      const quick = await runConformance(
        { baseUrl: inject("sandboxUrl"), consumerId: consumer.consumerId, privateKeyPem: consumer.privateKeyPem, audience: inject("sandboxAudience") },
        { quick: true },
      );
      expect(quick.compatible).toBe(true);
      expect(quick.results.every((result) => result.outcome !== "skip")).toBe(true);
      expect(quick.differences.map((difference) => difference.id)).toEqual(expect.arrayContaining(["errors.body", "reads.id-cap", "auth.status-body"]));
    });
  }
});

describe("quick conformance (Test connection)", () => {
  it("reports a provider it cannot reach as not compatible, without throwing", async () => {
    const consumer = inject("sandboxConsumer");
    // A loopback port nobody listens on.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const report = await runQuickConformance({ baseUrl: `http://127.0.0.1:${port}`, consumerId: consumer.consumerId, privateKeyPem: consumer.privateKeyPem, audience: "x", requestTimeoutMs: 2_000 });
    expect(report.compatible).toBe(false);
    expect(report.quick).toBe(true);
    expect(report.failures.map((failure) => failure.id)).toContain("auth.valid");
    expect(report.summary).toMatch(/^Quick check \(auth, reads, errors; no writes\): NOT compatible/);
  });

  it("passes the standard dialect with no differences, and writes nothing", async () => {
    const consumer = inject("sandboxDialects").standard;
    const client = new ConsumerClient({ baseUrl: inject("sandboxUrl"), consumerId: consumer.consumerId, privateKeyPem: consumer.privateKeyPem, audience: inject("sandboxAudience") });
    const changed = async () =>
      Promise.all(["client", "contract"].map(async (type) => (await client.get(`/v1/${type}-id-list-updated`, { since: "1970-01-01T00:00:00Z" })).text));
    const before = await changed();
    const report = await runConformance(
      { baseUrl: inject("sandboxUrl"), consumerId: consumer.consumerId, privateKeyPem: consumer.privateKeyPem, audience: inject("sandboxAudience") },
      { quick: true },
    );
    expect(report.compatible).toBe(true);
    expect(report.differences).toEqual([]);
    expect(report.results.every((result) => result.outcome === "pass")).toBe(true);
    expect(report.results.map((result) => result.id)).toEqual(expect.arrayContaining(["auth.valid", "errors.body", "reads.id-cap", "records.ids"]));
    expect(report.results.some((result) => result.id.startsWith("writes.") || result.id.startsWith("flow."))).toBe(false);
    expect(await changed()).toEqual(before);
  });
});
