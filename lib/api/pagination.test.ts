import { describe, expect, it } from "vitest";
import { decodePageToken, encodePageToken, fingerprintOf, pageOf, pageSizeOf } from "./pagination";

describe("page tokens", () => {
  const fingerprint = fingerprintOf({ r: "contracts", status: [110] });

  it("round-trip the last row's sort key", () => {
    const at = new Date("2026-12-01T10:00:00.123Z");
    const token = encodePageToken([at.toISOString(), "cabc"], fingerprint);
    expect(decodePageToken(token, fingerprint, ["date", "string"])).toEqual([at, "cabc"]);
    expect(decodePageToken(null, fingerprint, ["date", "string"])).toBeNull();
  });

  it("refuse tokens of another query, malformed ones and wrong shapes", () => {
    const token = encodePageToken(["2026-12-01T10:00:00.000Z", "cabc"], fingerprint);
    expect(() => decodePageToken(token, fingerprintOf({ r: "contracts" }), ["date", "string"])).toThrow(/not valid/);
    expect(() => decodePageToken("!!", fingerprint, ["date", "string"])).toThrow(/not valid/);
    expect(() => decodePageToken(encodePageToken(["yesterday", "c"], fingerprint), fingerprint, ["date", "string"])).toThrow(/not valid/);
    expect(() => decodePageToken(token, fingerprint, ["string"])).toThrow(/not valid/);
  });

  it("cut the look-ahead row and hand out a token only when more follow", () => {
    const rows = [1, 2, 3].map((n) => ({ id: `c${n}` }));
    expect(pageOf(rows, 2, (row) => [row.id], "f", (row) => row.id)).toMatchObject({ data: ["c1", "c2"], nextPageToken: expect.any(String) });
    expect(pageOf(rows, 3, (row) => [row.id], "f", (row) => row.id)).toEqual({ data: ["c1", "c2", "c3"], nextPageToken: null });
  });

  it("take a page size from 1 to 100", () => {
    expect(pageSizeOf(new URLSearchParams())).toBe(50);
    expect(pageSizeOf(new URLSearchParams("pageSize=100"))).toBe(100);
    for (const bad of ["0", "101", "2.5", "x"]) expect(() => pageSizeOf(new URLSearchParams(`pageSize=${bad}`))).toThrow(/pageSize/);
  });
});
