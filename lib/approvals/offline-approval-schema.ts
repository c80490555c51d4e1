/** The offline approval form, shared by the browser and the server. */
import { z } from "zod";

export const OFFLINE_METHODS = { paper: "Signed on paper", phone: "By phone", email: "By email", "in-person": "In person" } as const;

export const offlineApprovalSchema = z.object({
  approvedBy: z.string().trim().min(2, "Enter the name of the person who approved.").max(200),
  approvedAt: z
    .string()
    .min(1, "Enter when the approval was given.")
    .refine((value) => !Number.isNaN(Date.parse(value)), "Enter a valid date and time.")
    .refine((value) => Date.parse(value) <= Date.now() + 5 * 60_000, "The approval cannot be in the future."),
  method: z.enum(Object.keys(OFFLINE_METHODS) as [keyof typeof OFFLINE_METHODS, ...Array<keyof typeof OFFLINE_METHODS>], { error: "Choose how the approval was given." }),
  note: z.string().trim().max(1000).optional(),
});
