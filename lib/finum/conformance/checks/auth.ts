import assert from "node:assert/strict";
import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { authStatusResponseSchema } from "../../responses";
import { ConsumerClient } from "../client";
import { describeBody, expectOk, expectStatus, type Check } from "../context";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** A rejected token: 401 (403 is accepted too; which of the two is a detail of the provider). */
const REJECTED = [401, 403];

export const authChecks: Check[] = [
  {
    id: "auth.valid",
    title: "auth-status answers 200 to a valid token",
    kind: "spec",
    quick: true,
    async run(ctx) {
      expectOk(await ctx.client.get("/v1/auth-status"), 200, "auth-status");
    },
  },
  {
    id: "auth.status-body",
    title: "auth-status answers { ok: true, consumerId, ... }",
    kind: "convention",
    quick: true,
    adapts: "Only the 200 counts as a valid connection; the body is not read.",
    async run(ctx) {
      const answer = await ctx.client.get("/v1/auth-status");
      assert.ok(authStatusResponseSchema.safeParse(answer.json).success, `the provider's auth-status body is ${describeBody(answer)}`);
    },
  },
  {
    id: "auth.missing",
    title: "no token or a malformed token is rejected",
    kind: "spec",
    quick: true,
    async run(ctx) {
      expectStatus(await ctx.client.get("/v1/auth-status", undefined, { token: null }), REJECTED, "no Authorization header");
      expectStatus(await ctx.client.get("/v1/auth-status", undefined, { token: "not-a-jwt" }), REJECTED, "garbage token");
      expectStatus(await ctx.client.get("/v1/contract-id-list-updated", { since: "2020-01-01T00:00:00Z" }, { token: null }), REJECTED, "id list without token");
    },
  },
  {
    id: "auth.alg",
    title: "unsigned (alg none) and HS256 tokens are rejected: only the consumer's private key can sign",
    kind: "spec",
    quick: true,
    async run(ctx) {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: ctx.config.consumerId, aud: ctx.config.audience, iat: now, exp: now + 300 };
      const none = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
      expectStatus(await ctx.client.get("/v1/auth-status", undefined, { token: none }), REJECTED, "alg none");
      // HS256 keyed with the public key: the classic algorithm-confusion attack.
      const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
      const hs = `${unsigned}.${createHmac("sha256", ctx.publicKeyPem).update(unsigned).digest("base64url")}`;
      expectStatus(await ctx.client.get("/v1/auth-status", undefined, { token: hs }), REJECTED, "HS256 with the public key as secret");
      const hs2 = `${unsigned}.${createHmac("sha256", randomBytes(32)).update(unsigned).digest("base64url")}`;
      expectStatus(await ctx.client.get("/v1/auth-status", undefined, { token: hs2 }), REJECTED, "HS256");
    },
  },
  {
    id: "auth.keys",
    title: "an unknown issuer and a token signed by another key are rejected",
    kind: "spec",
    quick: true,
    async run(ctx) {
      expectStatus(
        await ctx.client.get("/v1/auth-status", undefined, { token: await ctx.client.token({ issuer: `unknown-${randomBytes(4).toString("hex")}` }) }),
        REJECTED,
        "unknown iss",
      );
      const foreign = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      expectStatus(await ctx.client.get("/v1/auth-status", undefined, { token: await ctx.client.token({ key: foreign }) }), REJECTED, "token signed by another key");
    },
  },
  {
    id: "auth.expired",
    title: "an expired token is rejected",
    kind: "spec",
    quick: true,
    async run(ctx) {
      const now = Math.floor(Date.now() / 1000);
      expectStatus(await ctx.client.get("/v1/auth-status", undefined, { token: await ctx.client.token({ iat: now - 900, exp: now - 300 }) }), REJECTED, "expired token");
    },
  },
  {
    id: "auth.time-limits",
    title: "tokens from the future and over one hour are rejected; 60 s skew is accepted; a wrong audience is rejected",
    kind: "convention",
    quick: true,
    adapts: "The portal signs tokens of 10 minutes, issued now, for the audience the admin set; it reuses a token until shortly before expiry.",
    async run(ctx) {
      const now = Math.floor(Date.now() / 1000);
      const get = async (iat: number, exp: number) => ctx.client.get("/v1/auth-status", undefined, { token: await ctx.client.token({ iat, exp }) });
      expectStatus(await get(now + 300, now + 900), REJECTED, "iat five minutes in the future");
      expectStatus(await get(now, now + 2 * 3600), REJECTED, "lifetime of two hours");
      expectOk(await get(now + 30, now + 600), 200, "iat 30 s in the future (within the skew)");
      expectStatus(await ctx.client.get("/v1/auth-status", undefined, { token: await ctx.client.token({ audience: "someone-else" }) }), REJECTED, "wrong aud");
    },
  },
  {
    id: "auth.es256",
    title: "an ES256 consumer registered through the admin API is accepted",
    kind: "convention",
    needs: ["admin"],
    adapts: "The portal makes RSA keys (RS256).",
    async run(ctx) {
      const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const consumerId = `conformance-es256-${randomBytes(4).toString("hex")}`;
      const kid = "es-key-1";
      expectOk(
        await ctx.admin("POST", "/admin/consumers", { consumerId, publicKeys: [{ kid, pem: publicKey.export({ type: "spki", format: "pem" }).toString() }] }),
        201,
        "register ES256 consumer",
      );
      const es = new ConsumerClient({ ...ctx.config, consumerId, keyId: kid, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString() });
      expectOk(await es.get("/v1/auth-status"), 200, "ES256 auth-status");
      expectStatus(await es.get("/v1/auth-status", undefined, { token: await es.token({ kid: "unknown-kid" }) }), REJECTED, "unknown kid");
    },
  },
];
