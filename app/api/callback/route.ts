import { ingestCallback, MAX_CALLBACK_BYTES } from "@/lib/callbacks/ingest-callback";
import { AppError, problemResponse } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";

// Providers' callbacks: POST /api/callback?token=<the contract's callback token>. Thin: read the
// raw body (the signature covers it byte for byte), hand it to lib, map the answer.
export async function POST(request: Request) {
  try {
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > MAX_CALLBACK_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `A callback body may be at most ${MAX_CALLBACK_BYTES / 1024} KB.`);
    const body = await readLimited(request, MAX_CALLBACK_BYTES);
    const result = await ingestCallback({
      token: new URL(request.url).searchParams.get("token"),
      headers: request.headers,
      body,
      ip: clientIp(request.headers),
    });
    return Response.json({ received: true, duplicate: result.duplicate, id: result.deliveryId }, { status: result.status });
  } catch (error) {
    return problemResponse(error, { route: "callback" });
  }
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", `A callback body may be at most ${limit / 1024} KB.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
