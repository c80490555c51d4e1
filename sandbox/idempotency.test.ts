import { describe, expect, it } from "vitest";
import { canonicalJson, requestHash } from "./idempotency";

describe("idempotency request hash", () => {
  it("ignores key order but not values, method or path", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const hash = requestHash("POST", "/v1/client", { a: 1, b: 2 });
    expect(requestHash("POST", "/v1/client", { b: 2, a: 1 })).toBe(hash);
    expect(requestHash("POST", "/v1/client", { a: 1, b: 3 })).not.toBe(hash);
    expect(requestHash("POST", "/v1/contract", { a: 1, b: 2 })).not.toBe(hash);
  });
});
