// Next.js calls register() once per server process. The configuration is validated first: a bad
// variable stops the process with its name and what is expected (never a server answering 500).
// Then the request context (request ids, client address, log context), and pg-boss: every
// instance sends jobs (callbacks are queued while the provider waits for its answer); the workers
// run here too unless JOBS_ENABLED=false (then `npm run worker`). SIGTERM stops them gracefully.
// OpenTelemetry traces (HTTP, Prisma, provider calls) start first when an OTLP endpoint is set.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { envOrExit } = await import("./lib/env");
  const config = envOrExit();
  const { startTelemetry, stopTelemetry } = await import("./lib/ops/telemetry");
  await startTelemetry(config, "web");
  const { installRequestContext } = await import("./lib/http/request-context");
  const { answerCallback, readLimited } = await import("./lib/callbacks/callback-endpoint");
  // The providers' callbacks are answered before Next.js routes the request (the hottest endpoint).
  // It gets a span of its own (the HTTP instrumentation's server span belongs to Next's routing).
  const { inSpan } = await import("./lib/ops/telemetry");
  installRequestContext({
    "/api/callback": (request) => inSpan("POST /api/callback", { "http.request.method": "POST", "http.route": "/api/callback" }, () => answerCallback({ ...request, readBody: (limit) => readLimited(request.body, limit) })),
  });
  const { logger } = await import("./lib/log/logger");
  const { boss, stopBoss } = await import("./lib/jobs/boss");
  // `npm start` sets NEXT_MANUAL_SIG_HANDLE so that this handler, not Next's, ends the process:
  // jobs in flight are finished (or handed back to the queue) before it exits.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info({ signal }, "Stopping the job workers");
    void stopBoss()
      .catch((error: unknown) => logger().error({ err: error }, "The job workers did not stop cleanly"))
      .then(() => stopTelemetry())
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  await boss().catch((error: unknown) => logger().error({ err: error }, "The job queue did not start"));
  if (config.JOBS_ENABLED) {
    const { startWorkers } = await import("./lib/jobs/start-workers");
    await startWorkers().catch((error: unknown) => logger().error({ err: error }, "The job workers did not start"));
  }
}
