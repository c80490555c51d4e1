/**
 * Request bodies and query parameters of the FiNUM Sync API. Bodies are loose objects: a consumer
 * may send `_` extension fields, the provider keeps them.
 */
import { z } from "zod";
import { recordIdSchema, timestampSchema, dateSchema, MAX_IDS_PER_LIST_CALL } from "./common";
import { addressSchema } from "./records";
import { statusCodeSchema } from "./status";

export const callbackUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .meta({ description: "URL the provider POSTs to when the contract's status changes." });

const personClient = z.looseObject({
  type: z.literal("person"),
  firstName: z.string().trim().min(1).max(200),
  lastName: z.string().trim().min(1).max(200),
  birthDate: dateSchema,
  email: z.email().optional(),
  phone: z.string().max(50).optional(),
  address: addressSchema.optional(),
});

const companyClient = z.looseObject({
  type: z.literal("company"),
  companyName: z.string().trim().min(1).max(300),
  email: z.email().optional(),
  phone: z.string().max(50).optional(),
  address: addressSchema.optional(),
});

export const createClientRequestSchema = z
  .discriminatedUnion("type", [personClient, companyClient])
  .meta({ description: "POST /v1/client: a person or a company." });

export const contractDataSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .meta({ description: "Values of the product's fields, by field name (dates as YYYY-MM-DD)." });

export const createContractRequestSchema = z
  .looseObject({
    holderId: recordIdSchema,
    productId: recordIdSchema,
    status: z.literal(120).meta({ description: "Always 120 (create proposal)." }),
    data: contractDataSchema.default({}),
    callback: callbackUrlSchema.optional(),
  })
  .meta({ description: "POST /v1/contract: ask for a proposal." });

export const patchContractRequestSchema = z
  .looseObject({
    id: recordIdSchema,
    status: statusCodeSchema
      .optional()
      .meta({ description: "120 with changed data (new proposal), 230 to order the proposal, 430 withdrawn by client." }),
    data: contractDataSchema.optional().meta({ description: "Changed fields only; merged into the contract's data. Needs status 120." }),
    callback: callbackUrlSchema.nullable().optional(),
  })
  .meta({ description: "PATCH /v1/contract: change data, order, withdraw, or set the callback." });

export const sinceQuerySchema = z.object({ since: timestampSchema });

/** `id-list=a,b,c`: 1..500 ids. More than MAX_IDS_PER_LIST_CALL is a 414, not a 400 (see parseIdList). */
export const idListSchema = z
  .string()
  .transform((raw) => [...new Set(raw.split(",").map((id) => id.trim()).filter((id) => id.length > 0))])
  .pipe(z.array(recordIdSchema).min(1, "id-list needs at least one id"));

export const fileContentQuerySchema = z.object({ id: recordIdSchema });
export const holderQuerySchema = z.object({ "holder-id": recordIdSchema });

export { MAX_IDS_PER_LIST_CALL };

export type CreateClientRequest = z.infer<typeof createClientRequestSchema>;
export type CreateContractRequest = z.infer<typeof createContractRequestSchema>;
export type PatchContractRequest = z.infer<typeof patchContractRequestSchema>;
export type ContractData = z.infer<typeof contractDataSchema>;
