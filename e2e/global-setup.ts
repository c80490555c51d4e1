/**
 * Starts the whole portal for the browser tests: a throwaway embedded PostgreSQL (fresh
 * database), migrations, demo seed, the provider sandbox and `next start` on the build.
 * Tests read E2E_BASE_URL and DATABASE_URL (for factories) from the environment set here.
 */
import { startThrowawayStack } from "../scripts/lib/stack";

export default async function globalSetup() {
  const stack = await startThrowawayStack({
    // The pending poll is as good as off: statuses reach the open pages through the sandbox's
    // callbacks and live events, so the journeys prove that path end to end.
    appEnv: { PENDING_POLL_INTERVAL_SECONDS: "3600" },
    sandboxEnv: { SANDBOX_PROPOSAL_DELAY_MS: "500" },
    log: (line) => process.env.E2E_VERBOSE && console.log(line),
    showOutput: Boolean(process.env.E2E_VERBOSE),
  });
  Object.assign(process.env, stack.secrets, {
    E2E_BASE_URL: stack.appUrl,
    // lib/ used from the tests (proposals made through use cases) builds callback URLs from it.
    APP_URL: stack.appUrl,
    E2E_SANDBOX_URL: stack.sandboxUrl ?? "",
    E2E_SANDBOX_ADMIN_TOKEN: stack.sandboxAdminToken ?? "",
    DATABASE_URL: stack.databaseUrl,
  });
  // The demo firm speaks German (prisma/seed.ts); most journeys read the English catalogue, so
  // the firm's default is English here. The German journeys choose German for their advisor
  // and client, as a person would (e2e/languages.spec.ts).
  const { db } = await import("../lib/db");
  await db().organization.updateMany({ data: { defaultLocale: "en" } });
  return () => stack.stop();
}
