/**
 * Conventions about record shapes (FINUM.md [ours]): judged on records that exist at the
 * provider (quick run) plus the ones the flow read. Each reports how the provider differs.
 */
import assert from "node:assert/strict";
import { RECORD_TYPES, type RecordType } from "../../common";
import { FIELD_TYPES, premiumSchema } from "../../records";
import { EPOCH, expectOk, productsRaw, readIds, type Check, type CheckContext } from "../context";

type Raw = Record<string, unknown>;

async function sample(ctx: CheckContext, type: RecordType): Promise<Raw[]> {
  const answer = await ctx.client.get(`/v1/${type}-id-list-updated`, { since: EPOCH });
  const ids = readIds(expectOk(answer, 200, `${type}-id-list-updated`), `${type}-id-list-updated`).slice(-20);
  const listed = ids.length > 0 ? (expectOk(await ctx.client.get(`/v1/${type}-list`, { "id-list": ids.join(",") }), 200, `${type}-list`) as Raw[]) : [];
  const observed = type === "contract" ? ctx.observed.contracts : type === "file" ? ctx.observed.files : [];
  return [...listed, ...observed];
}

const CONTRACT_FIELDS = new Set(["id", "updatedAt", "holderId", "productId", "status", "statusNote", "data", "callback", "contractNumber", "premium"]);
const KNOWN_FIELDS: Record<RecordType, Set<string>> = {
  contract: CONTRACT_FIELDS,
  client: new Set(["id", "updatedAt", "type", "firstName", "lastName", "companyName", "birthDate", "email", "phone", "address"]),
  product: new Set(["id", "updatedAt", "name", "line", "description", "currency", "fields"]),
  user: new Set(["id", "updatedAt", "name", "email", "role"]),
  file: new Set(["id", "updatedAt", "name", "contentType", "size", "sha256", "contractId", "kind"]),
};

const list = (values: Iterable<string>) => [...new Set(values)].join(", ");

export const recordChecks: Check[] = [
  {
    id: "records.ids",
    title: "ids are opaque strings (not numbers, not all digits)",
    kind: "convention",
    quick: true,
    adapts: "The portal keeps every id as a string exactly as sent (digits and leading zeros included; JSON numbers turned into their digits).",
    async run(ctx) {
      const numbers = new Map<string, unknown>();
      const digits = new Map<string, string>();
      for (const type of RECORD_TYPES) {
        for (const record of await sample(ctx, type)) {
          if (typeof record.id === "number") numbers.set(type, record.id);
          else if (typeof record.id === "string" && /^\d+$/.test(record.id)) digits.set(type, `${type} (${record.id.startsWith("0") ? "with leading zeros, e.g. " : "e.g. "}${record.id})`);
        }
      }
      const found = [
        ...(numbers.size ? [`sends ${[...numbers].map(([type, id]) => `${type} ids as JSON numbers (e.g. ${id})`).join(", ")}`] : []),
        ...(digits.size ? [`sends all-digit string ids for ${list(digits.values())}`] : []),
      ];
      assert.ok(found.length === 0, `the provider ${found.join("; ")}`);
    },
  },
  {
    id: "records.timestamps",
    title: "updatedAt is RFC 3339 UTC with milliseconds and Z",
    kind: "convention",
    quick: true,
    adapts: "The portal reads timestamps with or without fractions and with any offset, and passes `since` back as UTC.",
    async run(ctx) {
      const shapes = new Map<string, string>();
      for (const type of RECORD_TYPES) {
        for (const record of await sample(ctx, type)) {
          const value = String(record.updatedAt);
          if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value)) continue;
          if (!/\.\d+/.test(value)) shapes.set("without fractions of a second", value);
          if (!value.endsWith("Z")) shapes.set("with an offset instead of Z", value);
          if (/\.\d+/.test(value) && !/\.\d{3}(Z|[+-])/.test(value)) shapes.set("with other than millisecond precision", value);
        }
      }
      assert.ok(shapes.size === 0, `the provider stamps updatedAt ${[...shapes].map(([shape, example]) => `${shape} (e.g. ${example})`).join(" and ")}`);
    },
  },
  {
    id: "records.fields",
    title: "records carry only FINUM.md's fields and flat `_` extension fields",
    kind: "convention",
    quick: true,
    adapts: "Unknown plain fields and nested `_` objects are kept raw and shown; they never stop a record from being applied.",
    async run(ctx) {
      const extra = new Set<string>();
      const nested = new Set<string>();
      for (const type of RECORD_TYPES) {
        for (const record of await sample(ctx, type)) {
          for (const [key, value] of Object.entries(record)) {
            if (key.startsWith("_")) {
              if (value && typeof value === "object") nested.add(`${type}.${key}`);
            } else if (!KNOWN_FIELDS[type].has(key) && !(type === "contract" && ["proposalFileId", "proposalVersion", "policyFileId"].includes(key)) && !(type === "file" && key === "mimeType")) {
              extra.add(`${type}.${key}`);
            }
          }
        }
      }
      const found = [...(extra.size ? [`adds plain fields ${list(extra)}`] : []), ...(nested.size ? [`sends nested _ objects ${list(nested)}`] : [])];
      assert.ok(found.length === 0, `the provider ${found.join("; ")}`);
    },
  },
  {
    id: "records.nulls",
    title: "a contract's empty statusNote, callback, contractNumber and premium are sent as null",
    kind: "convention",
    needs: ["flow"],
    adapts: "The portal reads null and an absent field alike.",
    async run(ctx) {
      const absent = new Set<string>();
      for (const record of await sample(ctx, "contract")) {
        for (const field of ["statusNote", "callback", "contractNumber", "premium"]) if (!(field in record)) absent.add(field);
      }
      assert.ok(absent.size === 0, `the provider leaves out empty fields (${list(absent)}) instead of sending null`);
    },
  },
  {
    id: "records.premium",
    title: "a contract's premium is { amount, currency, interval }",
    kind: "convention",
    needs: ["flow"],
    adapts: "The portal reads a premium as a number, a numeric string or an object.",
    async run(ctx) {
      const shapes = new Set<string>();
      for (const record of await sample(ctx, "contract")) {
        const premium = record.premium;
        if (premium === null || premium === undefined || premiumSchema.safeParse(premium).success) continue;
        shapes.add(typeof premium === "number" ? `a plain number (${premium})` : typeof premium === "string" ? `a numeric string ("${premium}")` : JSON.stringify(premium));
      }
      assert.ok(shapes.size === 0, `the provider sends the premium as ${[...shapes].slice(0, 2).join(", ")}`);
    },
  },
  {
    id: "records.proposal-file",
    title: "the proposal file's id and version are in the contract's data",
    kind: "convention",
    needs: ["flow"],
    adapts: "The portal looks for proposalFileId / proposalVersion / policyFileId in data and at the top level.",
    async run(ctx) {
      const topLevel = new Set<string>();
      for (const record of await sample(ctx, "contract")) {
        for (const field of ["proposalFileId", "proposalVersion", "policyFileId"]) if (field in record) topLevel.add(field);
      }
      assert.ok(topLevel.size === 0, `the provider puts ${list(topLevel)} at the top level of the contract, not in data`);
    },
  },
  {
    id: "records.file-content-type",
    title: "a file record names its content type `contentType`",
    kind: "convention",
    needs: ["flow"],
    adapts: "The portal takes the content type from contentType, mimeType or the file-content answer.",
    async run(ctx) {
      const names = new Set<string>();
      for (const record of await sample(ctx, "file")) {
        if (typeof record.contentType === "string") continue;
        const other = Object.keys(record).find((key) => /type/i.test(key) && key !== "contentType");
        names.add(other ?? "(none)");
      }
      assert.ok(names.size === 0, `the provider names a file's content type ${list(names)}`);
    },
  },
  {
    id: "products.field-types",
    title: `product field types are ${FIELD_TYPES.join(", ")}`,
    kind: "convention",
    quick: true,
    adapts: "The portal maps known type names (decimal, integer, text, select, ...) and shows unknown ones as text inputs.",
    async run(ctx) {
      const names = new Set<string>();
      for (const product of (await productsRaw(ctx)) as Raw[]) {
        for (const field of (product.fields as Raw[] | undefined) ?? []) {
          if (!(FIELD_TYPES as readonly string[]).includes(String(field.type))) names.add(String(field.type));
        }
      }
      assert.ok(names.size === 0, `the provider uses the field types ${list(names)}`);
    },
  },
];
