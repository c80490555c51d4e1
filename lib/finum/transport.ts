/**
 * One HTTP exchange with a provider over node:http(s), for lib/finum/client.ts. Unlike fetch it
 * lets us (1) check every address a host name resolves to at the moment we connect (so a DNS
 * change cannot lead a call to a private address after the base URL was checked), and (2) read
 * the answer as a stream and stop at a byte limit instead of buffering whatever the provider sends.
 * Redirects are never followed.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

export interface TransportRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** For the whole exchange, including reading the answer. */
  timeoutMs: number;
  /** An answer larger than this is cut off while streaming and reported as TooLargeError. */
  maxBytes: number;
  /** Called with every address the host resolves to (or the literal IP); false refuses the connection. */
  allowAddress?: (address: string) => boolean;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

export class TransportTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${Math.round(timeoutMs / 100) / 10} s`);
    this.name = "TimeoutError";
  }
}

export class TransportTooLargeError extends Error {
  constructor(readonly maxBytes: number, readonly status: number) {
    super(`the answer is larger than ${formatBytes(maxBytes)} and was cut off`);
    this.name = "TooLargeError";
  }
}

/** The address check refused the host: callers turn this into one neutral message. */
export class TransportAddressRefusedError extends Error {
  readonly code = "ADDRESS_REFUSED";
  constructor() {
    super("address refused");
    this.name = "AddressRefusedError";
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup that resolves every address and refuses the host when any of them is not allowed. */
function checkedLookup(allowAddress: (address: string) => boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      if (addresses.length === 0 || addresses.some((entry) => !allowAddress(entry.address))) {
        return callback(new TransportAddressRefusedError() as unknown as NodeJS.ErrnoException, "", 0);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export function send(request: TransportRequest): Promise<TransportResponse> {
  const { url } = request;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  // A literal IP is connected to without a lookup, so it is checked here.
  if (request.allowAddress && net.isIP(hostname) && !request.allowAddress(hostname)) return Promise.reject(new TransportAddressRefusedError());
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<TransportResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, value?: TransportResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value!);
    };
    const req = transport.request(
      url,
      {
        method: request.method,
        headers: { ...request.headers, ...(request.body !== undefined ? { "content-length": String(Buffer.byteLength(request.body)) } : {}) },
        ...(request.allowAddress ? { lookup: checkedLookup(request.allowAddress) as unknown as typeof dns.lookup } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined) continue;
          for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
        }
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared) && declared > request.maxBytes) {
          finish(new TransportTooLargeError(request.maxBytes, status));
          res.destroy();
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > request.maxBytes) {
            // Stop reading now: what arrived so far is dropped with the connection.
            chunks.length = 0;
            finish(new TransportTooLargeError(request.maxBytes, status));
            res.destroy();
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => finish(null, { status, headers, bytes: Buffer.concat(chunks, received) }));
        res.on("error", (error) => finish(error));
        res.on("aborted", () => finish(Object.assign(new Error("the answer was cut short"), { code: "ECONNRESET" })));
      },
    );
    const timer = setTimeout(() => {
      const error = new TransportTimeoutError(request.timeoutMs);
      finish(error);
      req.destroy(error);
    }, request.timeoutMs);
    req.on("error", (error) => finish(error));
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}
