// The Node.js server's start (instrumentation.ts calls it): configuration, telemetry, the request
// context with the callback fast path, pg-boss and its workers, and a graceful stop on SIGTERM.
// In a module of its own so that the Edge build of instrumentation.ts never sees Node's APIs.
export async function registerNodeServer(): Promise<void> {
  const { envOrExit } = await import("../env");
  const config = envOrExit();
  const { startTelemetry, stopTelemetry } = await import("./telemetry");
  await startTelemetry(config, "web");
  const { installRequestContext } = await import("../http/request-context");
  const { answerCallback, readLimited } = await import("../callbacks/callback-endpoint");
  // The providers' callbacks are answered before Next.js routes the request (the hottest endpoint).
  // It gets a span of its own (the HTTP instrumentation's server span belongs to Next's routing).
  const { inSpan } = await import("./telemetry");
  installRequestContext({
    "/api/callback": (request) => inSpan("POST /api/callback", { "http.request.method": "POST", "http.route": "/api/callback" }, () => answerCallback({ ...request, readBody: (limit) => readLimited(request.body, limit) })),
  });
  const { logger } = await import("../log/logger");
  const { boss, stopBoss } = await import("../jobs/boss");
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
    const { startWorkers } = await import("../jobs/start-workers");
    await startWorkers().catch((error: unknown) => logger().error({ err: error }, "The job workers did not start"));
  }
}
