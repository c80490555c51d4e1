/** A minimal FiNUM consumer over HTTP: JWT signing, raw requests, parsed answers. Nothing else. */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import type { ConformanceConfig } from "./config";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  json: unknown;
  ms: number;
}

export interface RequestOptions {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Override the bearer token (null: no Authorization header). */
  token?: string | null;
}

export function algorithmFor(key: KeyObject): "RS256" | "ES256" {
  if (key.asymmetricKeyType === "rsa") return "RS256";
  if (key.asymmetricKeyType === "ec") return "ES256";
  throw new Error(`Unsupported key type ${key.asymmetricKeyType}`);
}

export interface TokenOptions {
  issuer?: string;
  audience?: string;
  iat?: number;
  exp?: number;
  kid?: string;
  key?: KeyObject;
}

export class ConsumerClient {
  readonly privateKey: KeyObject;
  private cached?: { token: string; exp: number };

  constructor(
    readonly config: Pick<ConformanceConfig, "baseUrl" | "consumerId" | "privateKeyPem" | "audience" | "keyId"> & { requestTimeoutMs?: number },
  ) {
    this.privateKey = createPrivateKey(config.privateKeyPem);
  }

  async token(options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const key = options.key ?? this.privateKey;
    const kid = options.kid ?? this.config.keyId;
    const jwt = new SignJWT({})
      .setProtectedHeader({ alg: algorithmFor(key), typ: "JWT", ...(kid ? { kid } : {}) })
      .setIssuer(options.issuer ?? this.config.consumerId)
      .setAudience(options.audience ?? this.config.audience)
      .setIssuedAt(options.iat ?? now)
      .setExpirationTime(options.exp ?? now + 600);
    return jwt.sign(key);
  }

  /** A token reused until shortly before it expires, as FINUM.md asks consumers to do. */
  private async defaultToken(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    if (!this.cached || this.cached.exp - now < 60) this.cached = { token: await this.token({ exp: now + 600 }), exp: now + 600 };
    return this.cached.token;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const url = new URL(this.config.baseUrl + path);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    const token = options.token === undefined ? await this.defaultToken() : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const started = performance.now();
    const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), redirect: "manual", signal: AbortSignal.timeout(this.config.requestTimeoutMs ?? 30_000) });
    const bytes = Buffer.from(await response.arrayBuffer());
    const ms = performance.now() - started;
    const text = bytes.toString("utf8");
    let json: unknown;
    if ((response.headers.get("content-type") ?? "").includes("json")) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: response.status, headers: response.headers, text, bytes, json, ms };
  }

  get = (path: string, query?: Record<string, string>, options: Omit<RequestOptions, "query"> = {}) => this.request("GET", path, { ...options, query });
}
