import type { ServerResponse } from "node:http";
import { DIALECTS, type Dialect } from "../dialects/table";
import { wireError, type WireBody } from "../dialects/wire";
import type { HttpError } from "./errors";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRawJson(res, status, JSON.stringify(body), headers);
}

/** For bodies already serialised (by PostgreSQL's json_agg, or a stored idempotent response). */
export function sendRawJson(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
}

/** A body a dialect has written (any content type, possibly empty). */
export function sendWire(res: ServerResponse, wire: WireBody): void {
  res.writeHead(wire.status, { ...(wire.contentType ? { "content-type": wire.contentType } : {}), "content-length": Buffer.byteLength(wire.body), ...wire.headers });
  res.end(wire.body);
}

// The dialect an answer is written in, once the request's consumer is known (errors use it too).
const dialects = new WeakMap<ServerResponse, Dialect>();

export function setResponseDialect(res: ServerResponse, dialect: Dialect): void {
  dialects.set(res, dialect);
}

export function responseDialect(res: ServerResponse): Dialect {
  return dialects.get(res) ?? DIALECTS.standard;
}

/** An error in the error format of the request's dialect (FINUM.md's body when none is known). */
export function sendError(res: ServerResponse, error: HttpError): void {
  sendWire(res, wireError(responseDialect(res), error));
}

export function sendBytes(res: ServerResponse, contentType: string, bytes: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(200, { "content-type": contentType, "content-length": bytes.length, ...headers });
  res.end(bytes);
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) });
  res.end(html);
}
