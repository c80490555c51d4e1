/** One schema for the client form in the browser and the server action. */
import { z } from "zod";
import { APP_LOCALES } from "../i18n/locales";

const optionalText = (max: number, message?: string) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value), z.string().max(max, message).optional());

const today = () => new Date().toISOString().slice(0, 10);

export const clientInputSchema = z
  .object({
    kind: z.enum(["PERSON", "COMPANY"], { error: "clients.errors.kind" }),
    firstName: optionalText(100),
    lastName: optionalText(100),
    companyName: optionalText(200),
    email: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim().toLowerCase() : value),
      z.email("clients.errors.email").max(254).optional(),
    ),
    phone: optionalText(40).refine((value) => value === undefined || /^[+()0-9 /-]{5,40}$/.test(value), "clients.errors.phone"),
    birthDate: optionalText(10)
      .refine((value) => value === undefined || /^\d{4}-\d{2}-\d{2}$/.test(value), "clients.errors.birthDateFormat")
      .refine((value) => value === undefined || (value >= "1900-01-01" && value <= today()), "clients.errors.birthDateRange"),
    street: optionalText(200),
    postalCode: optionalText(12),
    city: optionalText(100),
    country: z
      .string()
      .optional()
      .transform((value) => (value?.trim() || "DE").toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, "clients.errors.country")),
    /** The client's language for emails and their approval page; empty = the firm's default (null). Absent = unchanged. */
    locale: z.preprocess((value) => (value === "" ? null : value), z.enum(APP_LOCALES, { error: "clients.errors.locale" }).nullable().optional()),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "PERSON") {
      if (!value.firstName) ctx.addIssue({ code: "custom", path: ["firstName"], message: "clients.errors.firstName" });
      if (!value.lastName) ctx.addIssue({ code: "custom", path: ["lastName"], message: "clients.errors.lastName" });
    } else if (!value.companyName) {
      ctx.addIssue({ code: "custom", path: ["companyName"], message: "clients.errors.companyName" });
    }
  });

export type ClientInput = z.infer<typeof clientInputSchema>;

export function displayNameOf(input: Pick<ClientInput, "kind" | "firstName" | "lastName" | "companyName">): string {
  return input.kind === "COMPANY" ? input.companyName ?? "" : `${input.lastName ?? ""}, ${input.firstName ?? ""}`;
}

export { fieldErrorsOf } from "../i18n/field-errors";
