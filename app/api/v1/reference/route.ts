import { renderApiReference } from "@/lib/api/reference";

// Public: the readable reference, rendered from the same OpenAPI document.
export function GET(request: Request) {
  return new Response(renderApiReference(new URL(request.url).origin), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300" } });
}
