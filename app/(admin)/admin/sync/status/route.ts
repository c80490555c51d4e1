/** The sync health as JSON, polled by the health page while a sync runs (RFC 9457 problems on error). */
import { requireUser } from "@/lib/auth/session";
import { problemResponse } from "@/lib/errors";
import { syncHealth } from "@/lib/sync/health";
import { requestLocale } from "@/lib/i18n/request-locale";

export async function GET(): Promise<Response> {
  try {
    const admin = await requireUser({ admin: true });
    return Response.json({ providers: await syncHealth(admin) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    // The problem's detail is shown on the sync health page: in the admin's language.
    return problemResponse(error, { route: "sync-status" }, await requestLocale().catch(() => "en" as const));
  }
}
