/** The customer's decision forms, shared by the browser and the server. */
import { z } from "zod";

export const approveSchema = z.object({
  fullName: z.string().trim().min(1, "Type your full name.").max(200, "That is longer than any name we expect."),
  confirm: z.literal(true, { error: "Tick the box to confirm the statement." }),
  digest: z.string().regex(/^[0-9a-f]{32}$/, "This page is out of date. Reload it."),
});

export const declineSchema = z.object({
  reason: z.string().trim().min(1, "Tell your advisor why, so they can prepare a better proposal.").max(1000, "Keep the reason under 1,000 characters."),
  digest: z.string().regex(/^[0-9a-f]{32}$/, "This page is out of date. Reload it."),
});

export type ApproveInput = z.input<typeof approveSchema>;
export type DeclineInput = z.input<typeof declineSchema>;
