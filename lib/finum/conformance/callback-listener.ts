/** A local HTTP endpoint that receives callbacks, as a consumer's /api/callback would. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

export interface ReceivedCallback {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
  answeredWith: number;
}

export class CallbackListener {
  readonly received: ReceivedCallback[] = [];
  private readonly answers = new Map<string, number[]>();
  private readonly waiters = new Set<() => void>();
  private server?: http.Server;
  private base = "";

  async start(host: string): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        const status = this.answers.get(path)?.shift() ?? 204;
        const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]));
        this.received.push({ path, headers, body: Buffer.concat(chunks).toString("utf8"), receivedAt: Date.now(), answeredWith: status });
        res.writeHead(status).end();
        for (const wake of this.waiters) wake();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(0, host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  }

  /** A fresh callback URL; `answers` are the statuses for its first calls (then 204). */
  url(answers: number[] = []): string {
    const path = `/callback/${randomBytes(8).toString("hex")}`;
    this.answers.set(path, [...answers]);
    return this.base + path;
  }

  for(url: string): ReceivedCallback[] {
    const path = new URL(url).pathname;
    return this.received.filter((callback) => callback.path === path);
  }

  /** Resolves when `predicate` holds on this URL's callbacks, or fails at the deadline. */
  async waitFor(url: string, predicate: (callbacks: ReceivedCallback[]) => boolean, timeoutMs: number, what: string): Promise<ReceivedCallback[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.for(url))) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; received: ${JSON.stringify(this.for(url).map((c) => c.body))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 500));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
      this.waiters.clear();
    }
    return this.for(url);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => {
      this.server!.close(() => resolve());
      this.server!.closeAllConnections();
    });
  }
}
