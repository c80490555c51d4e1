import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { AppError, problemResponse } from "@/lib/errors";
import { markNotificationsRead } from "@/lib/notifications/queries";

const bodySchema = z.object({ ids: z.array(z.string().max(100)).max(200).optional() });

export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const parsed = bodySchema.safeParse(await request.json().catch(() => ({})));
    if (!parsed.success) throw new AppError("BAD_REQUEST", "common.errors.invalidRequest");
    return Response.json({ marked: await markNotificationsRead(user, parsed.data.ids) });
  } catch (error) {
    return problemResponse(error, { route: "notifications/read" });
  }
}
