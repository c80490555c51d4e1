import { answerCallback, readLimited } from "@/lib/callbacks/callback-endpoint";

// Providers' callbacks: POST /api/callback?token=<the contract's callback token>. Thin: the answer
// comes from lib. In a server started with instrumentation.ts the fast path answers first
// (lib/http/request-context.ts); this route is the same function behind Next.js's routing.
export async function POST(request: Request) {
  const answer = await answerCallback({
    url: request.url,
    headers: request.headers,
    readBody: (limit) => (request.body ? readLimited(request.body as unknown as AsyncIterable<Uint8Array>, limit) : Promise.resolve("")),
  });
  return new Response(answer.body, answer);
}
