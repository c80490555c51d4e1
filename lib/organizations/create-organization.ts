import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";

const schema = z.object({
  name: z.string().trim().min(2).max(120),
  slug: z.string().regex(/^[a-z0-9-]{2,60}$/, "lower-case letters, digits and dashes"),
});

export async function createOrganization(input: z.input<typeof schema>): Promise<{ id: string }> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]!.message);
  return db().organization.create({ data: parsed.data, select: { id: true } });
}
