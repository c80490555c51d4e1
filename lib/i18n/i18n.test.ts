import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appLocaleOr, negotiateLocale } from "./locales";
import { hasMessage, translate } from "./translate";
import { fieldErrorsOf } from "./field-errors";
import { msg } from "./message";
import { AppError, actionError, toProblem } from "../errors";

describe("languages", () => {
  it("picks the best of German and English from Accept-Language, German when neither is asked for", () => {
    expect(negotiateLocale("en-US,en;q=0.9,de;q=0.8")).toBe("en");
    expect(negotiateLocale("fr-FR,de-AT;q=0.7,en;q=0.5")).toBe("de");
    expect(negotiateLocale("de;q=0.2, en;q=0.9")).toBe("en");
    expect(negotiateLocale("fr, it")).toBe("de");
    expect(negotiateLocale("en;q=0")).toBe("de");
    expect(negotiateLocale(null, "en")).toBe("en");
    expect(appLocaleOr("xx")).toBe("de");
  });

  it("translates keys with ICU values in both languages, and gives an unknown key back as it is", () => {
    expect(translate("en", msg("common.validation.tooShort", { minimum: 1 }))).toBe("Enter at least 1 character.");
    expect(translate("en", msg("common.validation.tooShort", { minimum: 12 }))).toBe("Enter at least 12 characters.");
    expect(translate("de", msg("common.validation.tooShort", { minimum: 12 }))).toBe("Geben Sie mindestens 12 Zeichen ein.");
    expect(translate("de", "No such key.")).toBe("No such key.");
    expect(hasMessage("common.errors.notFound")).toBe(true);
    expect(hasMessage("common.errors")).toBe(false);
  });

  it("turns zod's own messages into ours, keeps a schema's key, and keeps a refinement's text", () => {
    const schema = z.object({
      name: z.string().min(1),
      email: z.email(),
      note: z.string().max(3),
      kind: z.enum(["A", "B"], { error: "common.validation.choice" }),
      code: z.string().refine((value) => value === "ok", "Not ok."),
    });
    const result = schema.safeParse({ name: "", email: "x", note: "long", kind: "C", code: "no" });
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!);
    expect(errors).toEqual({
      name: [msg("common.validation.required")],
      email: [msg("common.validation.email")],
      note: [msg("common.validation.tooLong", { maximum: 3 })],
      kind: [msg("common.validation.choice")],
      code: [msg("Not ok.")],
    });
    expect(translate("de", errors.note![0]!)).toBe("Geben Sie höchstens 3 Zeichen ein.");
  });

  it("reports expected errors in the reader's language, English in logs and by default", () => {
    const error = new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: { email: ["common.validation.email"] } });
    expect(error.message).toBe("Some fields need your attention.");
    expect(toProblem(error, {}, "de")).toMatchObject({ title: "Prüfung fehlgeschlagen", detail: "Einige Felder brauchen Ihre Aufmerksamkeit.", errors: { email: ["Geben Sie eine gültige E-Mail-Adresse ein."] } });
    expect(toProblem(error)).toMatchObject({ title: "Validation failed", detail: "Some fields need your attention." });
    // A server action sends the key; the browser translates it.
    expect(actionError(error)).toEqual({ ok: false, error: msg("common.errors.fieldsNeedAttention"), code: "VALIDATION", fieldErrors: { email: [msg("common.validation.email")] } });
  });
});
