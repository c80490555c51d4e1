/** The customer's decision forms, shared by the browser and the server. Messages are catalogue keys. */
import { z } from "zod";
import { APP_LOCALES } from "../i18n/locales";

/** The language the page showed the texts in (the evidence records it); absent: the client's. */
const shownIn = z.enum(APP_LOCALES).optional();

export const approveSchema = z.object({
  fullName: z.string().trim().min(1, "customer.errors.fullNameRequired").max(200, "customer.errors.fullNameTooLong"),
  confirm: z.literal(true, { error: "customer.errors.confirmRequired" }),
  digest: z.string().regex(/^[0-9a-f]{32}$/, "customer.errors.pageOutdated"),
  locale: shownIn,
});

export const declineSchema = z.object({
  reason: z.string().trim().min(1, "customer.errors.reasonRequired").max(1000, "customer.errors.reasonTooLong"),
  digest: z.string().regex(/^[0-9a-f]{32}$/, "customer.errors.pageOutdated"),
  locale: shownIn,
});

export type ApproveInput = z.input<typeof approveSchema>;
export type DeclineInput = z.input<typeof declineSchema>;
