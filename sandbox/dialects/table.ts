/**
 * Provider dialects: how one FiNUM provider differs from another where FINUM.md marks a detail
 * [ours] or leaves it open. Each dialect is a row of data; the HTTP boundary (dialects/wire.ts,
 * dialects/reader.ts) and a few flow knobs read it, so the provider's flow logic stays one.
 * `standard` is the sandbox as FINUM.md describes it, byte for byte.
 */
import type { RecordType } from "../../lib/finum";

export const DIALECT_NAMES = ["standard", "numeric-ids", "problem-json"] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** How new record ids look. Stored as text; `short-digits` ids go on the wire as JSON numbers where the dialect says so. */
export type IdStyle = "opaque" | "zero-padded-digits" | "short-digits" | "uuid";
export type ErrorFormat = "finum" | "problem-json" | "text" | "html" | "empty";
export type TimestampFormat = "ms-z" | "seconds-z" | "ms-offset";
export type AuthStatusStyle = "finum" | "text-ok" | "introspection";
export type CallbackStyle = "finum" | "event" | "cloud-event";

export interface Dialect {
  name: DialectName;
  /** One line for humans (README table, admin API). */
  summary: string;
  ids: Record<RecordType, IdStyle>;
  /** Record types whose short all-digit ids (no leading zero) are sent as JSON numbers. */
  numericIdTypes: readonly RecordType[];
  premium: "object" | "number" | "numeric-string";
  /** Top-level null fields (statusNote, callback, contractNumber, premium) are left out instead of sent as null. */
  omitNulls: boolean;
  /** Plain (non-`_`) fields the provider adds to each record type. */
  extraFields: Partial<Record<RecordType, Record<string, unknown>>>;
  /** Flat `_` fields turned into nested `_` objects: `_riskClass` → `_risk: { class }`. */
  nestedExtensions: Record<string, { into: string; key: string }>;
  timestamps: TimestampFormat;
  /** Where a contract's proposal file id and version (and policy file id) sit. */
  proposalFile: "data" | "top-level";
  /** Name of a file record's content type field. */
  fileContentTypeField: "contentType" | "mimeType";
  /** Product field type names on the wire (`integer` for the names in integerFields). */
  fieldTypeNames: { string: string; number: string; integer: string; date: string; boolean: string; enum: string };
  integerFields: readonly string[];
  /** Required-field changes per product line: also required / no longer required. */
  requiredChanges: Partial<Record<string, { require?: string[]; optional?: string[] }>>;
  errors: { format: ErrorFormat; byStatus?: Partial<Record<number, ErrorFormat>> };
  /** Most ids one `*-list?id-list=` call accepts, and the status above it. */
  maxIdsPerListCall: number;
  tooManyIdsStatus: 413 | 414;
  /** true: 110 at once when data is missing; false: 120 first, 110 after the proposal delay. */
  missingDataAtOnce: boolean;
  /** A provider status between 240 and 320 (the ordered contract passes through it). */
  statusBeforeActive?: { status: number; note: string };
  /** A provider status some time after 320 (reviewDelayMs × afterFactor). */
  statusAfterActive?: { status: number; note: string; delayFactor: number };
  authStatus: AuthStatusStyle;
  callbackBody: CallbackStyle;
  /** Request reading: numeric ids accepted in bodies; `_` fields sent by the consumer kept or ignored. */
  reader: { acceptNumericIds: boolean; keepConsumerExtensions: boolean };
}

const STANDARD_TYPE_NAMES = { string: "string", number: "number", integer: "number", date: "date", boolean: "boolean", enum: "enum" } as const;

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  standard: {
    name: "standard",
    summary: "FINUM.md exactly: the sandbox's own conventions.",
    ids: { contract: "opaque", client: "opaque", product: "opaque", user: "opaque", file: "opaque" },
    numericIdTypes: [],
    premium: "object",
    omitNulls: false,
    extraFields: {},
    nestedExtensions: {},
    timestamps: "ms-z",
    proposalFile: "data",
    fileContentTypeField: "contentType",
    fieldTypeNames: STANDARD_TYPE_NAMES,
    integerFields: [],
    requiredChanges: {},
    errors: { format: "finum" },
    maxIdsPerListCall: 500,
    tooManyIdsStatus: 414,
    missingDataAtOnce: true,
    authStatus: "finum",
    callbackBody: "finum",
    reader: { acceptNumericIds: false, keepConsumerExtensions: true },
  },
  "numeric-ids": {
    name: "numeric-ids",
    summary: "A legacy core system: digit ids, numbers as strings, second timestamps, plain-text errors, 110 later, 510 after 320.",
    ids: { contract: "zero-padded-digits", client: "zero-padded-digits", product: "opaque", user: "short-digits", file: "short-digits" },
    numericIdTypes: ["file", "user"],
    premium: "numeric-string",
    omitNulls: true,
    extraFields: { contract: { branchCode: "0042" }, client: { customerSegment: "retail" } },
    nestedExtensions: {},
    timestamps: "seconds-z",
    proposalFile: "top-level",
    fileContentTypeField: "mimeType",
    fieldTypeNames: { string: "text", number: "decimal", integer: "integer", date: "date", boolean: "boolean", enum: "select" },
    integerFields: ["livingArea", "termYears", "annualMileage", "missingTeeth"],
    requiredChanges: { motor: { optional: ["annualMileage"] }, liability: { require: ["hasDog"] } },
    errors: { format: "text", byStatus: { 404: "empty", 500: "html", 502: "html", 503: "html" } },
    maxIdsPerListCall: 200,
    tooManyIdsStatus: 414,
    missingDataAtOnce: false,
    statusAfterActive: { status: 510, note: "Contract data updated after issue", delayFactor: 3 },
    authStatus: "text-ok",
    callbackBody: "event",
    reader: { acceptNumericIds: true, keepConsumerExtensions: true },
  },
  "problem-json": {
    name: "problem-json",
    summary: "A modern REST provider: RFC 9457 errors, UUID ids, premium as a number, nested _ objects, +00:00 offsets, 250 before 320.",
    ids: { contract: "uuid", client: "uuid", product: "opaque", user: "uuid", file: "uuid" },
    numericIdTypes: [],
    premium: "number",
    omitNulls: false,
    extraFields: { contract: { channel: "broker-api", links: { self: "/v1/contract-list" } }, file: { storage: "s3" } },
    nestedExtensions: {
      _riskClass: { into: "_risk", key: "class" },
      _creditCheck: { into: "_credit", key: "result" },
      _tariffGeneration: { into: "_tariff", key: "generation" },
      _agentNumber: { into: "_agent", key: "number" },
    },
    timestamps: "ms-offset",
    proposalFile: "data",
    fileContentTypeField: "contentType",
    fieldTypeNames: STANDARD_TYPE_NAMES,
    integerFields: [],
    requiredChanges: { household: { require: ["bicycleCover"], optional: ["postalCode"] } },
    errors: { format: "problem-json" },
    maxIdsPerListCall: 1000,
    tooManyIdsStatus: 413,
    missingDataAtOnce: true,
    statusBeforeActive: { status: 250, note: "Policy being issued" },
    authStatus: "introspection",
    callbackBody: "cloud-event",
    reader: { acceptNumericIds: false, keepConsumerExtensions: false },
  },
};

export function isDialectName(value: unknown): value is DialectName {
  return typeof value === "string" && (DIALECT_NAMES as readonly string[]).includes(value);
}

/** A consumer's dialect: its own, else the instance's default, else standard. */
export function dialectOf(name: string | null | undefined, fallback: DialectName = "standard"): Dialect {
  return isDialectName(name) ? DIALECTS[name] : DIALECTS[fallback];
}
