// Liveness for load balancers: the process is up and answering. It checks nothing else on
// purpose (a database outage must not get healthy processes restarted); see /api/ready.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }, { headers: { "cache-control": "no-store" } });
}
