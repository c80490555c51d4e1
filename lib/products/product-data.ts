/**
 * A product's fields (as the provider describes them) turned into one zod schema, used by the
 * proposal form in the browser and by the server before anything is sent to the provider.
 * Form values arrive as strings; they leave as the wire types (number, boolean, YYYY-MM-DD).
 */
import { z } from "zod";
import type { ProductField } from "../finum/records";
import { issueMessage } from "../i18n/field-errors";
import { msg, type MessageValues, type Msg } from "../i18n/message";

// Each issue keeps its English text (logs, tests) and carries its catalogue key and values in
// `params.msg`, which productFieldErrorsOf hands to the forms (the field's label is the provider's).
const said = (message: string, key: string, values: MessageValues) => ({ message, params: { msg: msg(key, values) } });

type Value = string | number | boolean | null;

function fieldSchema(field: ProductField): z.ZodType<Value | undefined> {
  const blank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  const label = field.label;
  let inner: z.ZodType<Value>;
  switch (field.type) {
    case "number": {
      let number = z.coerce.number({ error: `${label} must be a number.` }).refine(Number.isFinite, said(`${label} must be a number.`, "proposals.fieldErrors.number", { label }));
      if (field.min !== undefined) number = number.refine((n) => n >= field.min!, said(`${label} must be at least ${field.min}.`, "proposals.fieldErrors.min", { label, min: field.min }));
      if (field.max !== undefined) number = number.refine((n) => n <= field.max!, said(`${label} must be at most ${field.max}.`, "proposals.fieldErrors.max", { label, max: field.max }));
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
  const required = said(`${label} is required.`, "proposals.fieldErrors.required", { label });
  return z.preprocess((value) => (blank(value) ? undefined : value), field.required ? inner.optional().refine((v) => v !== undefined, required) : inner.optional()) as z.ZodType<Value | undefined>;
}

/** What a wrong value of this kind of field is told, when zod's own check (not ours) refused it. */
function typeMessage(field: ProductField): Msg {
  const label = field.label;
  switch (field.type) {
    case "number":
      return msg("proposals.fieldErrors.number", { label });
    case "date":
      return msg("proposals.fieldErrors.date", { label });
    case "enum":
      return msg("proposals.fieldErrors.choice", { label });
    case "string":
      return msg("proposals.fieldErrors.tooLong", { label });
    default:
      return msg("common.validation.invalid");
  }
}

/** Field messages (catalogue keys with the provider's field labels) for a product data error. */
export function productFieldErrorsOf(error: z.ZodError, fields: readonly ProductField[]): Record<string, Msg[]> {
  const out: Record<string, Msg[]> = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? "_form");
    const field = fields.find((candidate) => candidate.name === name);
    const own = issue.code === "custom" ? (issue.params as { msg?: Msg } | undefined)?.msg : undefined;
    (out[name] ??= []).push(own ?? (field ? typeMessage(field) : issueMessage(issue as Parameters<typeof issueMessage>[0])));
  }
  return out;
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
