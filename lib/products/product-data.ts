/**
 * A product's fields (as the provider describes them) turned into one zod schema, used by the
 * proposal form in the browser and by the server before anything is sent to the provider.
 * Form values arrive as strings; they leave as the wire types (number, boolean, YYYY-MM-DD).
 */
import { z } from "zod";
import type { ProductField } from "../finum/records";

type Value = string | number | boolean | null;

function fieldSchema(field: ProductField): z.ZodType<Value | undefined> {
  const blank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  const requiredMessage = `${field.label} is required.`;
  let inner: z.ZodType<Value>;
  switch (field.type) {
    case "number": {
      let number = z.coerce.number({ error: `${field.label} must be a number.` }).refine(Number.isFinite, `${field.label} must be a number.`);
      if (field.min !== undefined) number = number.refine((n) => n >= field.min!, `${field.label} must be at least ${field.min}.`);
      if (field.max !== undefined) number = number.refine((n) => n <= field.max!, `${field.label} must be at most ${field.max}.`);
      inner = number;
      break;
    }
    case "boolean":
      inner = z.union([z.boolean(), z.enum(["true", "false", "on"]).transform((v) => v !== "false")]);
      break;
    case "date":
      inner = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${field.label}: use the date picker or YYYY-MM-DD.`);
      break;
    case "enum":
      inner = z.enum((field.options ?? []) as [string, ...string[]], { error: `Choose one of the options for ${field.label.toLowerCase()}.` });
      break;
    default:
      inner = z.string().trim().max(500, `${field.label} is too long.`);
  }
  return z.preprocess((value) => (blank(value) ? undefined : value), field.required ? inner.optional().refine((v) => v !== undefined, requiredMessage) : inner.optional()) as z.ZodType<Value | undefined>;
}

/** Strict about what the product asks for; keeps nothing else. */
export function productDataSchema(fields: readonly ProductField[]) {
  const shape = Object.fromEntries(fields.map((field) => [field.name, fieldSchema(field)]));
  // Every field key present (as undefined when absent), so required checks run on missing keys too.
  const withAllKeys = (input: unknown) => ({ ...Object.fromEntries(fields.map((field) => [field.name, undefined])), ...(typeof input === "object" && input ? input : {}) });
  return z.preprocess(withAllKeys, z.object(shape)).transform((values) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<string, Value>);
}

/** Lenient variant for drafts: the same conversions, but missing required fields are allowed (the provider will ask: 110). */
export function productDraftSchema(fields: readonly ProductField[]) {
  return productDataSchema(fields.map((field) => ({ ...field, required: false })));
}

export function missingRequiredFields(fields: readonly ProductField[], data: Record<string, unknown>): ProductField[] {
  return fields.filter((field) => field.required && (data[field.name] === undefined || data[field.name] === null || data[field.name] === ""));
}
