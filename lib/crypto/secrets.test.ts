import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, decryptWithKey, encryptSecret, encryptWithKey, SecretDecryptionError } from "./secrets";

const otherKey = crypto.randomBytes(32).toString("base64");

describe("secrets at rest", () => {
  it("round-trips text, including multi-line PEM and non-ASCII", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\nÄöü ✓";
    const stored = encryptSecret(pem);
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain("PRIVATE KEY");
    expect(decryptSecret(stored)).toBe(pem);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("detects a changed ciphertext, tag or IV", () => {
    const stored = encryptSecret("whsec_secret-value");
    const parts = stored.split(".");
    for (const index of [1, 2, 3]) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 0x01;
      changed[index] = bytes.toString("base64url");
      expect(() => decryptSecret(changed.join("."))).toThrow(SecretDecryptionError);
    }
  });

  it("refuses another key and unknown formats", () => {
    const stored = encryptWithKey("x", otherKey);
    expect(decryptWithKey(stored, otherKey)).toBe("x");
    expect(() => decryptSecret(stored)).toThrow(/another ENCRYPTION_KEY/);
    expect(() => decryptSecret("plain text")).toThrow(/unknown format/);
    expect(() => decryptSecret(stored.replace(/^v1/, "v2"))).toThrow(/unknown format/);
  });
});
