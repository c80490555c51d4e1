import { buildApiOpenApiDocument } from "@/lib/api/openapi";
import { API_VERSION } from "@/lib/api/handler";

// Public: the contract of the API, generated from the same zod schemas the routes use.
export function GET(request: Request) {
  return Response.json(buildApiOpenApiDocument({ serverUrl: new URL(request.url).origin }), { headers: { "api-version": API_VERSION, "cache-control": "public, max-age=300" } });
}
