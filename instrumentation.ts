// Next.js calls register() once per server process. Every instance sends jobs (callbacks are
// queued while the provider waits for its answer), so pg-boss starts here rather than on the
// first callback; the workers run here too unless JOBS_ENABLED=false (then `npm run worker`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const { boss } = await import("./lib/jobs/boss");
  await boss().catch((error: unknown) => console.error("The job queue did not start:", error));
  if (!env().JOBS_ENABLED) return;
  const { startWorkers } = await import("./lib/jobs/start-workers");
  await startWorkers().catch((error: unknown) => console.error("The job workers did not start:", error));
}
