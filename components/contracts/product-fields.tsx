"use client";

import type { ProductField } from "@/lib/finum/records";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { Field, RequiredMark } from "@/components/ui/field";

/** Inputs for a product's fields, as the provider describes them. Values are read with FormData. */
export function ProductFields({ fields, initial = {}, errors = {}, highlight = [] }: { fields: ProductField[]; initial?: Record<string, unknown>; errors?: Record<string, string[]>; highlight?: string[] }) {
  const t = useTranslations("proposals.fields");
  const format = useFormat();
  if (fields.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <div className="grid gap-5 sm:grid-cols-2">
      {fields.map((field) => {
        const id = `field-${field.name}`;
        const value = initial[field.name];
        const label = field.required ? field.label : t("optional", { label: field.label });
        const hint = [field.description, field.min !== undefined || field.max !== undefined ? t("range", { min: format.number(field.min) ?? "…", max: format.number(field.max) ?? "…" }) : null].filter(Boolean).join(" · ") || undefined;
        const marked = highlight.includes(field.name);
        if (field.type === "boolean") {
          return (
            <div key={field.name} className={`flex items-start gap-3 rounded-lg p-2 sm:col-span-2 ${marked ? "bg-amber-50 ring-1 ring-amber-200" : ""}`}>
              <input type="hidden" name={field.name} value="false" />
              <input id={id} type="checkbox" name={field.name} value="true" defaultChecked={value === true || value === "true"} className="mt-1 size-4 accent-brand-600" aria-describedby={errors[field.name] ? `${id}-error` : undefined} aria-required={field.required || undefined} />
              <label htmlFor={id} className="text-sm text-slate-800">
                {label}
                {field.required ? <RequiredMark /> : null}
                {hint ? <span className="block text-xs text-slate-600">{hint}</span> : null}
                {errors[field.name] ? <span id={`${id}-error`} className="block text-sm text-red-700">{errors[field.name]!.join(" ")}</span> : null}
              </label>
            </div>
          );
        }
        return (
          <div key={field.name} className={marked ? "rounded-lg bg-amber-50 p-2 ring-1 ring-amber-200" : ""}>
            <Field id={id} label={label} error={errors[field.name]} hint={hint} required={field.required}>
              {(props) =>
                field.type === "enum" ? (
                  <select {...props} name={field.name} defaultValue={value === undefined || value === null ? "" : String(value)}>
                    <option value="">{t("choose")}</option>
                    {(field.options ?? []).map((option) => (
                      <option key={option} value={option}>
                        {option}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    {...props}
                    name={field.name}
                    type={field.type === "number" ? "number" : field.type === "date" ? "date" : "text"}
                    step={field.type === "number" ? "any" : undefined}
                    min={field.min}
                    max={field.max}
                    defaultValue={value === undefined || value === null ? "" : String(value)}
                  />
                )
              }
            </Field>
          </div>
        );
      })}
    </div>
  );
}

/** FormData → plain values for the product schema (checkboxes send "false" then "true"). */
export function productValuesFrom(form: HTMLFormElement, fields: ProductField[]): Record<string, string> {
  const data = new FormData(form);
  return Object.fromEntries(fields.map((field) => [field.name, String(data.getAll(field.name).at(-1) ?? "")]));
}
