/** The conformance suite against the sandbox started by tests/setup/sandbox.ts, one test per check. */
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { CHECKS } from "./checks";
import type { CheckContext } from "./context";
import { createCheckContext, missingRequirements } from "./runner";

describe("FiNUM conformance (sandbox)", () => {
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

  for (const check of CHECKS) {
    it(`${check.id}: ${check.title}`, async () => {
      const missing = missingRequirements(check, ctx);
      if (missing.length > 0) throw new Error(`the test sandbox should provide ${missing.join(", ")}`);
      await check.run(ctx);
    });
  }
});
