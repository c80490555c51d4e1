/** Runs the checks in order against one provider; shared by the CLI and the Vitest suite. */
import { CallbackListener } from "./callback-listener";
import { ConsumerClient, type Answer } from "./client";
import { conformanceConfigSchema, type ConformanceConfigInput } from "./config";
import { publicKeyOf, type Check, type CheckContext, type Requirement } from "./context";
import { CHECKS } from "./checks";

export interface CheckResult {
  id: string;
  title: string;
  outcome: "pass" | "fail" | "skip";
  ms: number;
  message?: string;
}

export async function createCheckContext(input: ConformanceConfigInput): Promise<{ ctx: CheckContext; close(): Promise<void> }> {
  const config = conformanceConfigSchema.parse(input);
  const listener = new CallbackListener();
  await listener.start(config.callbackHost);
  const client = new ConsumerClient(config);
  const admin = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    if (!config.adminToken) throw new Error("This check needs --admin-token");
    return client.request(method, path, { body, token: config.adminToken });
  };
  return { ctx: { config, client, listener, admin, publicKeyPem: publicKeyOf(config.privateKeyPem) }, close: () => listener.stop() };
}

export function missingRequirements(check: Check, ctx: CheckContext): Requirement[] {
  const available: Record<Requirement, boolean> = {
    admin: Boolean(ctx.config.adminToken),
    sandboxRules: ctx.config.sandboxRules,
    webhookSecret: Boolean(ctx.config.webhookSecret),
  };
  return (check.needs ?? []).filter((need) => !available[need]);
}

export async function runConformance(
  input: ConformanceConfigInput,
  options: { only?: (check: Check) => boolean; onResult?: (result: CheckResult) => void } = {},
): Promise<CheckResult[]> {
  const { ctx, close } = await createCheckContext(input);
  const results: CheckResult[] = [];
  try {
    for (const check of CHECKS.filter(options.only ?? (() => true))) {
      const missing = missingRequirements(check, ctx);
      let result: CheckResult;
      if (missing.length > 0) {
        result = { id: check.id, title: check.title, outcome: "skip", ms: 0, message: `needs ${missing.join(", ")}` };
      } else {
        const started = performance.now();
        try {
          await check.run(ctx);
          result = { id: check.id, title: check.title, outcome: "pass", ms: performance.now() - started };
        } catch (error) {
          result = { id: check.id, title: check.title, outcome: "fail", ms: performance.now() - started, message: (error as Error).message };
        }
      }
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await close();
  }
  return results;
}
