import type { IncomingMessage } from "node:http";
import { badRequest, HttpError, payloadTooLarge } from "./errors";

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads and parses a JSON body (1 MiB at most). Returns the raw text too, for hashing. */
export async function readJsonBody(req: IncomingMessage): Promise<{ value: unknown; raw: string }> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw payloadTooLarge("The body is larger than 1 MiB");
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString("utf8");
  try {
    return { value: JSON.parse(raw) as unknown, raw };
  } catch {
    throw badRequest("The body is not valid JSON");
  }
}
