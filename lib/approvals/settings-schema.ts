/** The organization's approval settings form, shared by the browser and the server. */
import { z } from "zod";

export const approvalSettingsSchema = z.object({
  autoOrderOnApproval: z.boolean(),
  approvalTtlHours: z.coerce
    .number({ error: "customer.settings.errors.hoursNumber" })
    .int("customer.settings.errors.hoursWhole")
    .min(1, "customer.settings.errors.hoursMin")
    .max(720, "customer.settings.errors.hoursMax"),
});

export type ApprovalSettingsInput = z.input<typeof approvalSettingsSchema>;
