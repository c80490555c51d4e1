import type { ServerResponse } from "node:http";
import type { HttpError } from "./errors";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRawJson(res, status, JSON.stringify(body), headers);
}

/** For bodies already serialised (by PostgreSQL's json_agg, or a stored idempotent response). */
export function sendRawJson(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, error.body(), error.headers);
}

export function sendBytes(res: ServerResponse, contentType: string, bytes: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(200, { "content-type": contentType, "content-length": bytes.length, ...headers });
  res.end(bytes);
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) });
  res.end(html);
}
