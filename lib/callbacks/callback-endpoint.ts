/**
 * POST /api/callback as one function from request to answer, so that both ways in answer alike:
 * the Next.js route (app/api/callback/route.ts) and the fast path that answers before Next.js
 * (lib/http/request-context.ts), which saves the framework's routing on the hottest endpoint
 * (bench/callbacks.ts measures both against a bare server).
 */
import { ingestCallback, MAX_CALLBACK_BYTES } from "./ingest-callback";
import { AppError, problemAnswer, type PlainAnswer } from "../errors";
import { clientIp } from "../http/client-ip";
import { msg } from "../i18n/message";

export interface CallbackRequest {
  url: string;
  headers: Headers;
  /** The raw body, read up to `limit` bytes (the signature covers it byte for byte); throws PAYLOAD_TOO_LARGE beyond. */
  readBody(limit: number): Promise<string>;
}

/** The answer as plain data: the fast path writes it as it is, the route makes a Response of it. */
export async function answerCallback(request: CallbackRequest): Promise<PlainAnswer> {
  try {
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > MAX_CALLBACK_BYTES) throw tooLarge();
    const body = await request.readBody(MAX_CALLBACK_BYTES);
    const result = await ingestCallback({
      token: new URL(request.url, "http://callback.invalid").searchParams.get("token"),
      headers: request.headers,
      body,
      ip: clientIp(request.headers),
    });
    return { status: result.status, headers: { "content-type": "application/json" }, body: JSON.stringify({ received: true, duplicate: result.duplicate, id: result.deliveryId }) };
  } catch (error) {
    return problemAnswer(error, { route: "callback" });
  }
}

export function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", msg("providers.callbacks.tooLarge", { kilobytes: MAX_CALLBACK_BYTES / 1024 }));
}

/**
 * Reads a body stream up to `limit` bytes (a web or a Node stream alike). Beyond it, leaving the
 * loop ends the stream (the iterator's return cancels a web stream and destroys a Node one).
 */
export async function readLimited(chunks: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}
