import { requireUser } from "@/lib/auth/session";
import { problemResponse } from "@/lib/errors";
import { listNotifications } from "@/lib/notifications/queries";

export async function GET() {
  try {
    return Response.json(await listNotifications(await requireUser()), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, { route: "notifications" });
  }
}
