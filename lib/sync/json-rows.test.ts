import { describe, expect, it } from "vitest";
import { jsonRows, jsonText } from "./json-rows";

describe("jsonText", () => {
  it("drops NUL characters and keeps an escaped backslash followed by u0000", () => {
    expect(JSON.parse(jsonText({ a: "x\u0000y" }))).toEqual({ a: "xy" });
    expect(JSON.parse(jsonText({ path: "C:\\u0000folder" }))).toEqual({ path: "C:\\u0000folder" });
    expect(JSON.parse(jsonText({ both: "\\\u0000" }))).toEqual({ both: "\\" });
  });
});

describe("jsonRows", () => {
  it("writes each row's fields and splices its JSON columns in as they are", () => {
    const rows = [
      { id: "a", n: 1, data: jsonText({ k: "v" }) },
      { id: "b\u0000", n: null, data: "null" },
    ];
    const parsed = JSON.parse(jsonRows(rows, (r) => ({ id: r.id, n: r.n }), (r) => ({ data: r.data })));
    expect(parsed).toEqual([
      { id: "a", n: 1, data: { k: "v" } },
      { id: "b", n: null, data: null },
    ]);
  });

  it("splices into a row without plain fields, and leaves rows without JSON columns alone", () => {
    expect(JSON.parse(jsonRows([1], () => ({}), () => ({ raw: "[1,2]" })))).toEqual([{ raw: [1, 2] }]);
    expect(JSON.parse(jsonRows([1, 2], (n) => ({ n })))).toEqual([{ n: 1 }, { n: 2 }]);
    expect(jsonRows([], (n) => ({ n }))).toBe("[]");
  });
});
