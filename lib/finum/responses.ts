import { z } from "zod";
import { recordIdSchema, timestampSchema } from "./common";
import { recordSchemas } from "./records";

export const idListResponseSchema = z
  .array(recordIdSchema)
  .meta({ description: "Ids of records changed at or after `since`. No pagination." });

export const recordListResponseSchemas = {
  contract: z.array(recordSchemas.contract),
  client: z.array(recordSchemas.client),
  product: z.array(recordSchemas.product),
  user: z.array(recordSchemas.user),
  file: z.array(recordSchemas.file),
} as const;

export const authStatusResponseSchema = z
  .looseObject({
    ok: z.literal(true),
    consumerId: z.string(),
    audience: z.string().optional(),
    expiresAt: timestampSchema.optional(),
  })
  .meta({ description: "GET /v1/auth-status: the token is valid." });
