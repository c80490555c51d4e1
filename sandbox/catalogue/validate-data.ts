/** Checks a contract's data against its product's fields: wrong values are 422, missing ones mean 110. */
import type { ErrorDetail, ProductField } from "../../lib/finum";
import { PROVIDER_DATA_FIELDS, type ProductDefinition } from "./products";

type Data = Record<string, unknown>;

const isBlank = (value: unknown) => value === undefined || value === null || value === "";
const isDate = (value: unknown) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

function checkValue(field: ProductField, value: unknown): string | undefined {
  switch (field.type) {
    case "string":
      return typeof value === "string" ? undefined : "must be a string";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "date":
      return isDate(value) ? undefined : "must be a date (YYYY-MM-DD)";
    case "enum":
      return typeof value === "string" && field.options?.includes(value) ? undefined : `must be one of ${field.options?.join(", ")}`;
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return undefined;
    }
  }
}

/** Problems with values that are present (unknown keys are kept, not rejected). */
export function invalidFields(product: ProductDefinition, data: Data, prefix = "data"): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const name of PROVIDER_DATA_FIELDS) {
    if (name in data) details.push({ field: `${prefix}.${name}`, message: "is set by the provider" });
  }
  for (const field of product.fields) {
    const value = data[field.name];
    if (isBlank(value)) continue;
    const problem = checkValue(field, value);
    if (problem) details.push({ field: `${prefix}.${field.name}`, message: problem });
  }
  return details;
}

/** Names of required fields that are missing or blank. */
export function missingFields(product: ProductDefinition, data: Data): string[] {
  return product.fields.filter((field) => field.required && isBlank(data[field.name])).map((field) => field.name);
}

export function missingNote(product: ProductDefinition, missing: string[]): string {
  const labels = missing.map((name) => {
    const field = product.fields.find((candidate) => candidate.name === name);
    return field ? `${name} (${field.label})` : name;
  });
  return `Missing client data: ${labels.join(", ")}`;
}
