import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { APP_LOCALES } from "../i18n/locales";
import { fieldErrorsOf } from "../i18n/field-errors";

const schema = z.object({
  name: z.string().trim().min(2).max(120),
  slug: z.string().regex(/^[a-z0-9-]{2,60}$/),
  defaultLocale: z.enum(APP_LOCALES).optional(),
});

export async function createOrganization(input: z.input<typeof schema>): Promise<{ id: string }> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  return db().organization.create({ data: parsed.data, select: { id: true } });
}
