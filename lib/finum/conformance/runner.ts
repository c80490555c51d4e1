/**
 * Runs the checks in order against one provider; shared by the CLI, the Vitest suite and the
 * portal's Test connection (quick mode). Spec checks must pass; a convention check that does not
 * is reported as "differs: ..." with what the portal adapts to, and the run ends with a
 * compatibility summary.
 */
import { CallbackListener } from "./callback-listener";
import { ConsumerClient, type Answer } from "./client";
import { conformanceConfigSchema, type ConformanceConfigInput } from "./config";
import { publicKeyOf, type Check, type CheckContext, type CheckKind, type Requirement } from "./context";
import { CHECKS } from "./checks";

export type CheckOutcome = "pass" | "fail" | "differs" | "skip";

export interface CheckResult {
  id: string;
  title: string;
  kind: CheckKind;
  outcome: CheckOutcome;
  ms: number;
  /** fail: what went wrong; differs: "the provider does X"; skip: why. */
  message?: string;
  /** differs: what the portal does about it. */
  adapts?: string;
}

export interface ConformanceReport {
  /** No spec check failed. */
  compatible: boolean;
  quick: boolean;
  results: CheckResult[];
  failures: CheckResult[];
  differences: CheckResult[];
  counts: Record<CheckOutcome, number>;
  /** One paragraph for people: compatible or not, and what the portal adapts to. */
  summary: string;
}

export async function createCheckContext(input: ConformanceConfigInput, options: { listen?: boolean } = {}): Promise<{ ctx: CheckContext; close(): Promise<void> }> {
  const config = conformanceConfigSchema.parse(input);
  const listener = new CallbackListener();
  if (options.listen ?? true) await listener.start(config.callbackHost);
  const client = new ConsumerClient(config);
  const admin = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    if (!config.adminToken) throw new Error("This check needs --admin-token");
    return client.request(method, path, { body, token: config.adminToken });
  };
  return {
    ctx: { config, client, listener, admin, publicKeyPem: publicKeyOf(config.privateKeyPem), observed: { contracts: [], callbackBodies: [], files: [] } },
    close: () => listener.stop(),
  };
}

export function missingRequirements(check: Check, ctx: CheckContext, quick = false): Requirement[] {
  const available: Record<Requirement, boolean> = {
    admin: Boolean(ctx.config.adminToken),
    sandboxRules: ctx.config.sandboxRules,
    webhookSecret: Boolean(ctx.config.webhookSecret),
    flow: !quick,
  };
  return (check.needs ?? []).filter((need) => !available[need]);
}

/** Runs one check; a convention that does not hold becomes "differs" with the check's message. */
export async function runCheck(check: Check, ctx: CheckContext, quick = false): Promise<CheckResult> {
  const base = { id: check.id, title: check.title, kind: check.kind };
  const missing = missingRequirements(check, ctx, quick);
  if (missing.length > 0) return { ...base, outcome: "skip", ms: 0, message: `needs ${missing.join(", ")}` };
  const started = performance.now();
  try {
    await check.run(ctx);
    return { ...base, outcome: "pass", ms: performance.now() - started };
  } catch (error) {
    const message = (error as Error).message;
    const ms = performance.now() - started;
    if (check.kind === "convention") return { ...base, outcome: "differs", ms, message: `differs: ${message}`, adapts: check.adapts };
    return { ...base, outcome: "fail", ms, message };
  }
}

export function summarize(results: CheckResult[], quick: boolean): ConformanceReport {
  const failures = results.filter((result) => result.outcome === "fail");
  const differences = results.filter((result) => result.outcome === "differs");
  const counts = { pass: 0, fail: 0, differs: 0, skip: 0 } as Record<CheckOutcome, number>;
  for (const result of results) counts[result.outcome] += 1;
  const compatible = failures.length === 0;
  const scope = quick ? "Quick check (auth, reads, errors; no writes)" : "Conformance";
  const verdict = compatible
    ? `${scope}: compatible. Every spec check passed${differences.length ? `; the provider differs from our conventions in ${differences.length} point(s), and the portal adapts` : " and it follows our conventions"}.`
    : `${scope}: NOT compatible. ${failures.length} spec check(s) failed: ${failures.map((failure) => failure.id).join(", ")}.`;
  const lines = differences.map((difference) => `- ${difference.id}: ${difference.message?.replace(/^differs: /, "")}${difference.adapts ? ` → ${difference.adapts}` : ""}`);
  return { compatible, quick, results, failures, differences, counts, summary: [verdict, ...lines].join("\n") };
}

export async function runConformance(
  input: ConformanceConfigInput,
  options: { only?: (check: Check) => boolean; onResult?: (result: CheckResult) => void; extraChecks?: readonly Check[]; quick?: boolean } = {},
): Promise<ConformanceReport> {
  const quick = options.quick ?? false;
  const { ctx, close } = await createCheckContext(input, { listen: !quick });
  const results: CheckResult[] = [];
  try {
    const checks = [...CHECKS, ...(options.extraChecks ?? [])].filter((check) => (!quick || check.quick) && (options.only?.(check) ?? true));
    for (const check of checks) {
      const result = await runCheck(check, ctx, quick);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await close();
  }
  return summarize(results, quick);
}

/**
 * The quick part, for the admin's Test connection: auth, reads and error shapes, no writes.
 * Never throws for what the provider does; a provider that cannot be reached fails its checks.
 */
export function runQuickConformance(input: ConformanceConfigInput): Promise<ConformanceReport> {
  return runConformance(input, { quick: true });
}
