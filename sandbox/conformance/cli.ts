/**
 * npm run conformance -- --base-url <url> --consumer-id <id> --private-key <pem file> --audience <aud>
 *   [--key-id <kid>] [--webhook-secret whsec_...] [--admin-token <token>] [--sandbox]
 *   [--callback-host 127.0.0.1] [--timeout-ms 30000] [--only <id prefix>]
 *   [--quick]
 * Checks a FiNUM provider over HTTP as a consumer would. Each check is spec (must pass) or
 * convention (FINUM.md [ours]: reported as "differs"); the run ends with a compatibility summary.
 * Exit code 1 when a spec check fails (the provider is not compatible), 2 on bad arguments.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { runConformance, type CheckResult } from "../../lib/finum/conformance";
import { sandboxChecks } from "./checks/sandbox";

const USAGE = `Usage: npm run conformance -- --base-url <url> --consumer-id <id> --private-key <pem file> --audience <aud>
  [--key-id <kid>] [--webhook-secret whsec_...] [--admin-token <token>] [--sandbox]
  [--callback-host <host the provider can reach>] [--timeout-ms <ms>] [--only <check id prefix>] [--quick]

  --quick          only auth, reads and error shapes (no writes): what the portal's Test connection runs
  --sandbox        also check the sandbox's own rules (catalogue, 420 for life over 75, docs)
  --admin-token    sandbox admin token: enables fault-injection, callback-log and ES256 checks`;

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        "base-url": { type: "string" },
        "consumer-id": { type: "string" },
        "private-key": { type: "string" },
        audience: { type: "string" },
        "key-id": { type: "string" },
        "webhook-secret": { type: "string" },
        "admin-token": { type: "string" },
        sandbox: { type: "boolean", default: false },
        "callback-host": { type: "string", default: "127.0.0.1" },
        "timeout-ms": { type: "string", default: "30000" },
        only: { type: "string" },
        quick: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const missing = ["base-url", "consumer-id", "private-key", "audience"].filter((name) => !values[name as keyof typeof values]);
  if (missing.length > 0) {
    console.error(`Missing ${missing.map((name) => `--${name}`).join(", ")}\n\n${USAGE}`);
    process.exit(2);
  }
  const privateKeyPem = fs.readFileSync(values["private-key"]!, "utf8");
  console.log(`FiNUM conformance against ${values["base-url"]} as ${values["consumer-id"]}\n`);
  const mark = { pass: "PASS", fail: "FAIL", differs: "DIFF", skip: "SKIP" } as const;
  const print = (result: CheckResult) => {
    console.log(`${mark[result.outcome]}  ${result.kind.padEnd(10)} ${result.id.padEnd(28)} ${result.title}${result.outcome === "skip" ? ` (${result.message})` : ` [${Math.round(result.ms)} ms]`}`);
    if (result.outcome === "fail" || result.outcome === "differs") console.log(`      ${result.message?.split("\n").join("\n      ")}`);
    if (result.outcome === "differs" && result.adapts) console.log(`      portal: ${result.adapts}`);
  };
  const report = await runConformance(
    {
      baseUrl: values["base-url"]!,
      consumerId: values["consumer-id"]!,
      privateKeyPem,
      audience: values.audience!,
      keyId: values["key-id"],
      webhookSecret: values["webhook-secret"],
      adminToken: values["admin-token"],
      sandboxRules: values.sandbox,
      callbackHost: values["callback-host"],
      stepTimeoutMs: Number(values["timeout-ms"]),
    },
    { only: values.only ? (check) => check.id.startsWith(values.only!) : undefined, onResult: print, extraChecks: sandboxChecks, quick: values.quick },
  );
  const { counts } = report;
  console.log(`\n${report.summary}`);
  console.log(`\n${counts.pass + counts.differs} passed, ${counts.fail} failed, ${counts.skip} skipped (${counts.differs} differ from our conventions)`);
  process.exit(report.compatible ? 0 : 1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
