/**
 * The five FiNUM record types. Loose objects: unknown fields (and the provider's `_` extension
 * fields) are kept, never rejected. Only `id` and `updatedAt` are required on every record;
 * the rest is what we read from a provider, so it is lenient.
 */
import { z } from "zod";
import { recordIdSchema, timestampSchema, dateSchema } from "./common";
import { statusCodeSchema } from "./status";

const base = { id: recordIdSchema, updatedAt: timestampSchema };

export const addressSchema = z.looseObject({
  street: z.string().optional(),
  postalCode: z.string().optional(),
  city: z.string().optional(),
  country: z.string().optional(),
});

export const clientRecordSchema = z
  .looseObject({
    ...base,
    type: z.enum(["person", "company"]).optional(),
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    companyName: z.string().nullish(),
    birthDate: dateSchema.nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    address: addressSchema.nullish(),
  })
  .meta({ description: "A policy holder (person or company)." });

export const PRODUCT_LINES = ["household", "liability", "motor", "life", "health", "legal"] as const;
export const FIELD_TYPES = ["string", "number", "date", "boolean", "enum"] as const;

export const productFieldSchema = z
  .looseObject({
    name: z.string().min(1),
    label: z.string(),
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    options: z.array(z.string()).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    description: z.string().optional(),
  })
  .meta({ description: "One field of a contract's data that the product asks for." });

export const productRecordSchema = z
  .looseObject({
    ...base,
    name: z.string(),
    // A provider may have lines we do not know yet: read as string, the known ones are PRODUCT_LINES.
    line: z.string().optional(),
    description: z.string().optional(),
    currency: z.string().optional(),
    fields: z.array(productFieldSchema).default([]),
  })
  .meta({ description: "A product of the provider's catalogue with the fields a contract needs." });

export const premiumSchema = z.looseObject({
  amount: z.number(),
  currency: z.string(),
  interval: z.enum(["monthly", "quarterly", "yearly"]).or(z.string()),
});

export const contractRecordSchema = z
  .looseObject({
    ...base,
    holderId: recordIdSchema,
    productId: recordIdSchema,
    status: statusCodeSchema,
    statusNote: z.string().nullish(),
    data: z
      .record(z.string(), z.unknown())
      .default({})
      .meta({ description: "Product data; the provider adds proposalFileId, proposalVersion, policyFileId." }),
    callback: z.string().nullish(),
    contractNumber: z.string().nullish(),
    premium: premiumSchema.nullish(),
  })
  .meta({ description: "A contract in any status, terminated ones included." });

export const userRecordSchema = z
  .looseObject({
    ...base,
    name: z.string().optional(),
    email: z.string().optional(),
    role: z.string().optional(),
  })
  .meta({ description: "A user of the consumer at the provider (for example an advisor login)." });

export const fileRecordSchema = z
  .looseObject({
    ...base,
    name: z.string(),
    contentType: z.string(),
    size: z.number().int().nonnegative(),
    sha256: z.string().optional(),
    contractId: recordIdSchema.nullish(),
    kind: z.string().optional(),
  })
  .meta({ description: "A document; its bytes come from GET /v1/file-content?id=." });

export type ClientRecord = z.infer<typeof clientRecordSchema>;
export type ProductRecord = z.infer<typeof productRecordSchema>;
export type ProductField = z.infer<typeof productFieldSchema>;
export type ContractRecord = z.infer<typeof contractRecordSchema>;
export type UserRecord = z.infer<typeof userRecordSchema>;
export type FileRecord = z.infer<typeof fileRecordSchema>;

export const recordSchemas = {
  contract: contractRecordSchema,
  client: clientRecordSchema,
  product: productRecordSchema,
  user: userRecordSchema,
  file: fileRecordSchema,
} as const;
