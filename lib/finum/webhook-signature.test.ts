import { describe, expect, it } from "vitest";
import { generateWebhookSecret, isValidWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from "./webhook-signature";

// Test vector from the Standard Webhooks reference libraries (standardwebhooks, webhook_test.py / webhook.test.ts).
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("webhook signatures", () => {
  it("matches the Standard Webhooks reference vector", () => {
    expect(signWebhook(vector)).toBe(vector.signature);
  });

  it("verifies a signature within the tolerance", () => {
    const headers = { "webhook-id": vector.id, "webhook-timestamp": String(vector.timestamp), "webhook-signature": vector.signature };
    expect(verifyWebhook({ headers, body: vector.body, secret: vector.secret, nowSeconds: vector.timestamp + 299 })).toEqual({
      ok: true,
      id: vector.id,
      timestamp: vector.timestamp,
    });
  });

  it("accepts any of several space-separated signatures", () => {
    const headers = {
      "webhook-id": vector.id,
      "webhook-timestamp": String(vector.timestamp),
      "webhook-signature": `v1,AAAA ${vector.signature}`,
    };
    expect(verifyWebhook({ headers, body: vector.body, secret: vector.secret, nowSeconds: vector.timestamp }).ok).toBe(true);
  });

  it("rejects a changed body, id or timestamp", () => {
    const good = { "webhook-id": vector.id, "webhook-timestamp": String(vector.timestamp), "webhook-signature": vector.signature };
    const now = vector.timestamp;
    expect(verifyWebhook({ headers: good, body: vector.body + " ", secret: vector.secret, nowSeconds: now })).toEqual({ ok: false, reason: "bad-signature" });
    expect(verifyWebhook({ headers: { ...good, "webhook-id": "msg_other" }, body: vector.body, secret: vector.secret, nowSeconds: now }).ok).toBe(false);
    expect(
      verifyWebhook({ headers: { ...good, "webhook-timestamp": String(now + 1) }, body: vector.body, secret: vector.secret, nowSeconds: now }).ok,
    ).toBe(false);
  });

  it("rejects the wrong secret", () => {
    const headers = webhookHeaders({ id: "msg_1", body: "{}", secret: generateWebhookSecret() });
    expect(verifyWebhook({ headers, body: "{}", secret: generateWebhookSecret() })).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("rejects timestamps outside five minutes, in both directions", () => {
    const headers = { "webhook-id": vector.id, "webhook-timestamp": String(vector.timestamp), "webhook-signature": vector.signature };
    expect(verifyWebhook({ headers, body: vector.body, secret: vector.secret, nowSeconds: vector.timestamp + 301 })).toEqual({
      ok: false,
      reason: "timestamp-out-of-tolerance",
    });
    expect(verifyWebhook({ headers, body: vector.body, secret: vector.secret, nowSeconds: vector.timestamp - 301 }).ok).toBe(false);
  });

  it("rejects missing headers, malformed timestamps and non-v1 signatures", () => {
    expect(verifyWebhook({ headers: {}, body: "{}", secret: vector.secret })).toEqual({ ok: false, reason: "missing-headers" });
    const base = { "webhook-id": vector.id, "webhook-signature": vector.signature };
    expect(verifyWebhook({ headers: { ...base, "webhook-timestamp": "12abc" }, body: vector.body, secret: vector.secret })).toEqual({ ok: false, reason: "bad-timestamp" });
    const v2 = { ...base, "webhook-timestamp": String(vector.timestamp), "webhook-signature": vector.signature.replace("v1,", "v2,") };
    expect(verifyWebhook({ headers: v2, body: vector.body, secret: vector.secret, nowSeconds: vector.timestamp }).ok).toBe(false);
  });

  it("reads a Fetch Headers object and round-trips its own headers", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ recordType: "contract", id: "ct_1", status: 130, updatedAt: "2025-01-01T00:00:00.000Z" });
    const headers = new Headers({ ...webhookHeaders({ id: "msg_2", body, secret }) });
    expect(verifyWebhook({ headers, body, secret }).ok).toBe(true);
  });

  it("validates the secret format", () => {
    expect(isValidWebhookSecret(generateWebhookSecret())).toBe(true);
    expect(isValidWebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(false);
    expect(isValidWebhookSecret("whsec_not base64!")).toBe(false);
    expect(() => signWebhook({ ...vector, secret: "nope" })).toThrow(/whsec_/);
  });
});
