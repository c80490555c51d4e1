/**
 * Products as a dialect describes them: its own field type names and its own required-field
 * lists. The flow asks `productForDialect` which fields are required, so the 110 note and the
 * product record a consumer reads always agree.
 */
import type { ProductDefinition } from "../catalogue/products";
import type { Dialect } from "./table";

function isRequired(dialect: Dialect, line: string, name: string, required: boolean): boolean {
  const change = dialect.requiredChanges[line];
  if (change?.require?.includes(name)) return true;
  if (change?.optional?.includes(name)) return false;
  return required;
}

/** The product definition with this dialect's required flags (types stay internal). */
export function productForDialect(product: ProductDefinition, dialect: Dialect): ProductDefinition {
  if (!dialect.requiredChanges[product.line]) return product;
  return { ...product, fields: product.fields.map((field) => ({ ...field, required: isRequired(dialect, product.line, field.name, field.required) })) };
}

/** One field of a product record as this dialect writes it. */
export function fieldForWire(dialect: Dialect, line: string, field: Record<string, unknown>): Record<string, unknown> {
  const type = String(field.type) as keyof Dialect["fieldTypeNames"];
  const name = String(field.name);
  const wireType = type === "number" && dialect.integerFields.includes(name) ? dialect.fieldTypeNames.integer : (dialect.fieldTypeNames[type] ?? type);
  return { ...field, type: wireType, required: isRequired(dialect, line, name, Boolean(field.required)) };
}
