import { getSessionUser } from "@/lib/auth/session";
import { AppError, problemResponse } from "@/lib/errors";
import { getContractView } from "@/lib/contracts/contract-view";

// The contract page's one query: the same snapshot the page renders on the server, re-fetched
// by the browser when a live event says this contract changed.
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to see this contract.");
    const { id } = await params;
    return Response.json(await getContractView(user, id), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, { route: "contract-view" });
  }
}
