/** The organization's approval settings form, shared by the browser and the server. */
import { z } from "zod";

export const approvalSettingsSchema = z.object({
  autoOrderOnApproval: z.boolean(),
  approvalTtlHours: z.coerce
    .number({ error: "Enter a number of hours." })
    .int("Enter whole hours.")
    .min(1, "A link must stay valid for at least 1 hour.")
    .max(720, "A link can stay valid for at most 720 hours (30 days)."),
});

export type ApprovalSettingsInput = z.input<typeof approvalSettingsSchema>;
