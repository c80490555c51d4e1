import assert from "node:assert/strict";
import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { authStatusResponseSchema } from "../../../lib/finum";
import { ConsumerClient } from "../client";
import { expectError, expectOk, type Check } from "../context";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export const authChecks: Check[] = [
  {
    id: "auth.valid",
    title: "auth-status answers 200 to a valid token",
    async run(ctx) {
      const body = expectOk(await ctx.client.get("/v1/auth-status"), 200, "auth-status");
      assert.ok(authStatusResponseSchema.safeParse(body).success, `auth-status body: ${JSON.stringify(body)}`);
    },
  },
  {
    id: "auth.missing",
    title: "no token or a malformed token is 401 with the error body",
    async run(ctx) {
      expectError(await ctx.client.get("/v1/auth-status", undefined, { token: null }), 401, "no Authorization header");
      expectError(await ctx.client.get("/v1/auth-status", undefined, { token: "not-a-jwt" }), 401, "garbage token");
      expectError(await ctx.client.get("/v1/contract-id-list-updated", { since: "2020-01-01T00:00:00Z" }, { token: null }), 401, "id list without token");
    },
  },
  {
    id: "auth.alg",
    title: "alg none and HS256 tokens are rejected",
    async run(ctx) {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: ctx.config.consumerId, aud: ctx.config.audience, iat: now, exp: now + 300 };
      const none = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
      expectError(await ctx.client.get("/v1/auth-status", undefined, { token: none }), 401, "alg none");
      // HS256 keyed with the public key: the classic algorithm-confusion attack.
      const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
      const hs = `${unsigned}.${createHmac("sha256", ctx.publicKeyPem).update(unsigned).digest("base64url")}`;
      expectError(await ctx.client.get("/v1/auth-status", undefined, { token: hs }), 401, "HS256 with the public key as secret");
      const hs2 = `${unsigned}.${createHmac("sha256", randomBytes(32)).update(unsigned).digest("base64url")}`;
      expectError(await ctx.client.get("/v1/auth-status", undefined, { token: hs2 }), 401, "HS256");
    },
  },
  {
    id: "auth.time",
    title: "expired, future-dated and over-long tokens are rejected; 60 s skew is accepted",
    async run(ctx) {
      const now = Math.floor(Date.now() / 1000);
      const get = async (iat: number, exp: number) => ctx.client.get("/v1/auth-status", undefined, { token: await ctx.client.token({ iat, exp }) });
      expectError(await get(now - 900, now - 300), 401, "expired token");
      expectError(await get(now + 300, now + 900), 401, "iat five minutes in the future");
      expectError(await get(now, now + 2 * 3600), 401, "lifetime of two hours");
      expectOk(await get(now + 30, now + 600), 200, "iat 30 s in the future (within the skew)");
    },
  },
  {
    id: "auth.claims",
    title: "wrong audience, unknown issuer and a foreign key are rejected",
    async run(ctx) {
      expectError(await ctx.client.get("/v1/auth-status", undefined, { token: await ctx.client.token({ audience: "someone-else" }) }), 401, "wrong aud");
      expectError(
        await ctx.client.get("/v1/auth-status", undefined, { token: await ctx.client.token({ issuer: `unknown-${randomBytes(4).toString("hex")}` }) }),
        401,
        "unknown iss",
      );
      const foreign = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      expectError(await ctx.client.get("/v1/auth-status", undefined, { token: await ctx.client.token({ key: foreign }) }), 401, "token signed by another key");
    },
  },
  {
    id: "auth.es256",
    title: "an ES256 consumer registered through the admin API is accepted",
    needs: ["admin"],
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
      const body = expectOk(await es.get("/v1/auth-status"), 200, "ES256 auth-status") as { consumerId: string };
      assert.equal(body.consumerId, consumerId);
      expectError(await es.get("/v1/auth-status", undefined, { token: await es.token({ kid: "unknown-kid" }) }), 401, "unknown kid");
    },
  },
];
