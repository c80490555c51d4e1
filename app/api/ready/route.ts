import { readiness } from "@/lib/ops/readiness";

// Readiness for load balancers: 200 when PostgreSQL answers, the migrations are applied and the
// job queue is up; 503 with the failing checks otherwise.
export const dynamic = "force-dynamic";

export async function GET() {
  const result = await readiness();
  return Response.json({ status: result.ready ? "ready" : "not-ready", checks: result.checks }, { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
