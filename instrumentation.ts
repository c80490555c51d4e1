// Next.js calls register() once per server process: the job workers run inside the app by
// default (JOBS_ENABLED=false for a web-only instance; `npm run worker` for dedicated ones).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  if (!env().JOBS_ENABLED) return;
  const { startWorkers } = await import("./lib/jobs/start-workers");
  await startWorkers().catch((error: unknown) => console.error("The job workers did not start:", error));
}
