import { describe, expect, it } from "vitest";
import { msg } from "@/lib/i18n/message";
import { storeMessage } from "@/lib/i18n/stored-message";
import { readStoredText } from "@/lib/i18n/stored-text";
import { readCallbackHint, readContract, readFile, readIdList, readProduct, readRecords, readClient } from "./read";

const base = { id: "C-1", updatedAt: "2026-12-01T10:00:00.000Z", holderId: "H-1", productId: "P-1", status: 130 };

describe("readContract: the fields the flow needs, in every shape providers send", () => {
  it.each([
    ["an object", { amount: 210, currency: "EUR", interval: "yearly" }, { amount: "210.00", currency: "EUR", interval: "yearly" }],
    ["a plain number", 210.5, { amount: "210.50", currency: null, interval: null }],
    ["a numeric string", "210.5", { amount: "210.50", currency: null, interval: null }],
    ["a decimal comma", "1.234,56", { amount: "1234.56", currency: null, interval: null }],
    ["an object with a string amount", { value: "99.9", currencyCode: "eur", frequency: "monthly" }, { amount: "99.90", currency: "EUR", interval: "monthly" }],
    ["null", null, null],
  ])("premium as %s", (_label, premium, expected) => {
    expect(readContract({ ...base, premium }).record.premium).toEqual(expected);
  });

  it("keeps leading zeros of all-digit ids and reads ids sent as numbers as text", () => {
    const { record, warnings } = readContract({ ...base, id: "000123", holderId: 4711, productId: "007" });
    expect(record.id).toBe("000123");
    expect(record.holderId).toBe("4711");
    expect(record.productId).toBe("007");
    expect(warnings).toEqual([expect.objectContaining({ field: "holderId", message: msg("sync.read.warn.idAsNumber") })]);
  });

  it.each([
    ["with milliseconds", "2026-12-01T10:00:00.123Z", "2026-12-01T10:00:00.123Z"],
    ["without fractions", "2026-12-01T10:00:00Z", "2026-12-01T10:00:00.000Z"],
    ["with an offset", "2026-12-01T11:00:00+01:00", "2026-12-01T10:00:00.000Z"],
    ["with microseconds and +00:00", "2026-12-01T10:00:00.123456+00:00", "2026-12-01T10:00:00.123Z"],
    ["without any zone (UTC)", "2026-12-01T10:00:00", "2026-12-01T10:00:00.000Z"],
  ])("updatedAt %s", (_label, updatedAt, iso) => {
    expect(readContract({ ...base, updatedAt }).record.updatedAt.toISOString()).toBe(iso);
  });

  it("reads null as absent and a status sent as text", () => {
    const { record } = readContract({ ...base, status: "320", statusNote: null, contractNumber: null });
    expect(record.status).toBe(320);
    expect(record.statusNote).toBeNull();
    expect(record.contractNumber).toBeNull();
  });

  it("finds the proposal file and version at the top level or inside data", () => {
    expect(readContract({ ...base, data: { proposalFileId: "F-1", proposalVersion: 2 } }).record).toMatchObject({ proposalFileId: "F-1", proposalVersion: 2 });
    expect(readContract({ ...base, proposalFileId: "F-2", proposalVersion: "3", data: {} }).record).toMatchObject({ proposalFileId: "F-2", proposalVersion: 3 });
    expect(readContract({ ...base, data: { policyFileId: "F-9" } }).record.fileIds).toEqual(["F-9"]);
  });

  it("keeps unknown plain fields and nested _ objects raw, and accepts unknown status codes", () => {
    const input = { ...base, status: 250, channel: "web", _risk: { class: "B", factors: [1, 2] } };
    const { record } = readContract(input);
    expect(record.status).toBe(250);
    expect(record.raw).toEqual(input);
  });

  it("reports a field in an unexpected shape as a warning and still reads the record", () => {
    const { record, warnings } = readContract({ ...base, premium: { gross: "n/a" }, data: "oops" });
    expect(record.premium).toBeNull();
    expect(record.data).toEqual({});
    expect(warnings.map((w) => [w.field, w.message.key]).sort()).toEqual([
      ["data", "sync.read.warn.notAnObject"],
      ["premium", "sync.read.warn.premiumWithoutAmount"],
    ]);
  });
});

describe("readRecords: one bad record never stops the others", () => {
  it("skips records without an id or status, with the reason, and reads the rest", () => {
    const outcome = readRecords("contract", [{ ...base, id: "A" }, { ...base, id: undefined }, { ...base, id: "C", status: undefined }, "junk", { ...base, id: "D" }]);
    expect(outcome?.records.map((r) => r.id)).toEqual(["A", "D"]);
    expect(outcome?.skipped.map((s) => s.reason)).toEqual([msg("sync.read.skip.noId"), msg("sync.read.skip.noStatus"), msg("sync.read.skip.notAnObject", { type: "contract" })]);
  });

  it("gives a status that is no status code as the reason, with the value as sent (cut short)", () => {
    const outcome = readRecords("contract", [{ ...base, status: "soon" }, { ...base, status: "x".repeat(100) }]);
    expect(outcome?.skipped.map((s) => s.reason)).toEqual([msg("sync.read.skip.notAStatusCode", { value: '"soon"' }), msg("sync.read.skip.notAStatusCode", { value: `"${"x".repeat(38)}…` })]);
  });

  it("accepts a list wrapped in an object and reports it", () => {
    const outcome = readRecords("contract", { items: [base] });
    expect(outcome?.records).toHaveLength(1);
    expect(outcome?.warnings).toEqual([{ recordType: "contract", id: null, field: "(body)", message: msg("sync.read.warn.listWrapped") }]);
  });

  it("answers null for a body that is no list at all", () => {
    expect(readRecords("contract", { error: "x" })).toBeNull();
    expect(readRecords("contract", "<html>")).toBeNull();
  });

  it("reads id lists with digits kept and junk dropped", () => {
    expect(readIdList(["007", 42, null, { id: "X" }])).toEqual({ ids: ["007", "42", "X"], dropped: 1 });
  });
});

describe("readProduct: field types and required lists that differ", () => {
  it("maps a provider's own type names and a product-level required list", () => {
    const { record, warnings } = readProduct({
      id: "P",
      updatedAt: base.updatedAt,
      name: "Home",
      requiredFields: ["area"],
      fields: [
        { name: "area", label: "Area", type: "integer" },
        { key: "sum", title: "Sum insured", type: "decimal", mandatory: true },
        { name: "start", type: "date", required: false },
        { name: "kind", type: "select", options: [{ value: "flat", label: "Flat" }, "house"] },
        { name: "odd", type: "geo" },
      ],
    });
    expect(record.fields).toEqual([
      { name: "area", label: "Area", type: "number", required: true },
      { name: "sum", label: "Sum insured", type: "number", required: true },
      { name: "start", label: "start", type: "date", required: false },
      { name: "kind", label: "kind", type: "enum", required: false, options: ["flat", "house"] },
      { name: "odd", label: "odd", type: "string", required: false },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ field: "fields.4.type", message: msg("sync.read.warn.unknownFieldType", { type: "geo", shownAs: "text" }) })]);
  });
});

describe("readFile and readClient", () => {
  it("reads the content type under its other names and a prefixed SHA-256", () => {
    const sha = "a".repeat(64);
    const { record } = readFile({ id: 12, updatedAt: base.updatedAt, fileName: "p.pdf", mimeType: "application/pdf", size: "1024", checksum: `sha256:${sha.toUpperCase()}`, contract_id: "C-1", documentType: "Proposal" });
    expect(record).toMatchObject({ id: "12", name: "p.pdf", contentType: "application/pdf", size: 1024, sha256: sha, contractId: "C-1", kind: "proposal" });
  });

  it("reads a flat address and a birth date given as a timestamp", () => {
    const { record } = readClient({ id: "H", updatedAt: base.updatedAt, firstName: "Maria", lastName: "Schneider", birthDate: "1980-04-02T00:00:00Z", street: "Hauptstr. 1", zip: "80331", city: "München" });
    expect(record).toMatchObject({ kind: "PERSON", birthDate: "1980-04-02", street: "Hauptstr. 1", postalCode: "80331", city: "München" });
  });
});

describe("readCallbackHint", () => {
  it("finds the contract id in the shapes providers send, and trusts nothing else", () => {
    expect(readCallbackHint({ recordType: "contract", id: "C-1", status: 130, updatedAt: base.updatedAt, extra: true }).id).toBe("C-1");
    expect(readCallbackHint({ event: "status", data: { contractId: "0007" } }).id).toBe("0007");
    expect(readCallbackHint({ contractId: 7 }).id).toBe("7");
    expect(readCallbackHint("nonsense")).toEqual({ id: null, recordType: null, status: null, updatedAt: null });
  });
});

describe("warnings and skip reasons in the reader's language", () => {
  it("are catalogue messages, stored and shown in German and English", () => {
    const { warnings } = readContract({ ...base, status: "130", data: "oops" });
    const stored = Object.fromEntries(warnings.map((w) => [w.field, storeMessage(w.message)]));
    expect(readStoredText(stored.status, "en")).toBe("sent as text; read as a number");
    expect(readStoredText(stored.status, "de")).toBe("als Text gesendet; als Zahl gelesen");
    expect(readStoredText(stored.data, "en")).toBe("is not an object; kept raw only");
    expect(readStoredText(stored.data, "de")).toBe("ist kein Objekt; nur im Rohdatensatz behalten");

    const { warnings: fieldWarnings } = readProduct({ id: "P", updatedAt: base.updatedAt, name: "Home", fields: [{ name: "odd", type: "geo" }, { name: "pick", type: "list", options: [] }] });
    expect(fieldWarnings.map((w) => readStoredText(storeMessage(w.message), "en"))).toEqual(['unknown field type "geo"; shown as text', "a choice without options; shown as text"]);
    expect(fieldWarnings.map((w) => readStoredText(storeMessage(w.message), "de"))).toEqual(["unbekannter Feldtyp „geo“; als Textfeld angezeigt", "Auswahlfeld ohne Optionen; als Textfeld angezeigt"]);

    const skipped = readRecords("contract", [{ ...base, status: undefined }, { ...base, status: "soon" }, "junk"])!.skipped;
    // As lib/sync/read-warnings.ts stores them: the reason inside sync.stored.skipped, as a message.
    const reasons = skipped.map((s) => storeMessage(msg("sync.stored.skipped", { reason: s.reason })));
    expect(reasons.map((text) => readStoredText(text, "en"))).toEqual(["skipped: no status", 'skipped: status "soon" is not a status code', "skipped: a contract record must be an object"]);
    expect(reasons.map((text) => readStoredText(text, "de"))).toEqual(["übersprungen: kein Status", 'übersprungen: Status "soon" ist kein Statuscode', "übersprungen: ein Vertragsdatensatz muss ein Objekt sein"]);
  });
});
