/** The sync health as JSON, polled by the health page while a sync runs (RFC 9457 problems on error). */
import { requireUser } from "@/lib/auth/session";
import { problemResponse } from "@/lib/errors";
import { syncHealth } from "@/lib/sync/health";

export async function GET(): Promise<Response> {
  try {
    const admin = await requireUser({ admin: true });
    return Response.json({ providers: await syncHealth(admin) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, { route: "sync-status" });
  }
}
