import { z } from "zod";

/** Opaque provider id: a string, never assumed numeric (about 20 characters in practice). */
export const recordIdSchema = z.string().min(1).max(200).meta({ description: "Opaque provider id (string, not numeric)." });

/** RFC 3339 timestamp. Providers should send UTC (`Z`); offsets are accepted when reading. */
export const timestampSchema = z.iso.datetime({ offset: true }).meta({ description: "RFC 3339 timestamp (UTC)." });

/** Calendar date YYYY-MM-DD. */
export const dateSchema = z.iso.date();

export const RECORD_TYPES = ["contract", "client", "product", "user", "file"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export const recordTypeSchema = z.enum(RECORD_TYPES);

/** Consumers send at most this many ids in one `*-list?id-list=` call (URL length); more is 414. */
export const MAX_IDS_PER_LIST_CALL = 500;

/** Extension fields a provider may add: names start with `_`. */
export function extensionFields(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => key.startsWith("_")));
}
