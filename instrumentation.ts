// Next.js calls register() once per server process. The configuration is validated first: a bad
// variable stops the process with its name and what is expected (never a server answering 500).
// Then the request context (request ids, client address, log context), and pg-boss: every
// instance sends jobs (callbacks are queued while the provider waits for its answer); the workers
// run here too unless JOBS_ENABLED=false (then `npm run worker`). SIGTERM stops them gracefully.
// OpenTelemetry traces (HTTP, Prisma, provider calls) start first when an OTLP endpoint is set.
export async function register() {
  // The Edge build drops this branch (and with it every Node.js API the server's start uses).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerNodeServer } = await import("./lib/ops/register-node-server");
    await registerNodeServer();
  }
}
