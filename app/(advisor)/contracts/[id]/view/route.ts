import { getLocale } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { appLocaleOr } from "@/lib/i18n/locales";
import { AppError, problemResponse } from "@/lib/errors";
import { getContractView } from "@/lib/contracts/contract-view";

// The contract page's one query: the same snapshot the page renders on the server, re-fetched
// by the browser when a live event says this contract changed.
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  // The viewer's language, as on the page: the signed-in user's, else what the request asks for.
  const locale = appLocaleOr(await getLocale());
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "common.errors.sessionEnded");
    const { id } = await params;
    return Response.json(await getContractView(user, id, user.locale), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, { route: "contract-view" }, locale);
  }
}
