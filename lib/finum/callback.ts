/** The body a provider POSTs to a contract's callback URL. A trigger only: consumers re-read the contract. */
import { z } from "zod";
import { recordIdSchema, timestampSchema } from "./common";
import { statusCodeSchema } from "./status";

export const callbackBodySchema = z
  .looseObject({
    recordType: z.literal("contract"),
    id: recordIdSchema,
    status: statusCodeSchema,
    updatedAt: timestampSchema,
  })
  .meta({ description: "POSTed to the contract's callback URL on each status change." });

export type CallbackBody = z.infer<typeof callbackBodySchema>;
