/**
 * The offline approval form, shared by the browser and the server. An approval given outside
 * the portal needs: who approved (the customer's name as on the proposal), when (not before the
 * proposal, not in the future), how, and an evidence document (a scan or photo: PDF or image).
 * The checks against the proposal itself (name, date) are in record-offline-approval.ts.
 * Messages are catalogue keys (customer.offline.errors.*).
 */
import { z } from "zod";

/** The ways an approval is given outside the portal; their names for people: customer.offlineMethods.<key>. */
export const OFFLINE_METHODS = { paper: "Signed on paper", phone: "By phone", email: "By email", "in-person": "In person" } as const;

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"] as const;

const evidenceFile = z.custom<File>((value) => typeof File !== "undefined" && value instanceof File && value.size > 0, "customer.offline.errors.evidenceRequired")
  .refine((file) => file.size <= MAX_EVIDENCE_BYTES, "customer.offline.errors.evidenceTooLarge")
  .refine((file) => (EVIDENCE_TYPES as readonly string[]).includes(file.type), "customer.offline.errors.evidenceType");

export const offlineApprovalSchema = z.object({
  approvedBy: z.string().trim().min(2, "customer.offline.errors.approvedByRequired").max(200),
  approvedAt: z
    .string()
    .min(1, "customer.offline.errors.approvedAtRequired")
    .refine((value) => !Number.isNaN(Date.parse(value)), "customer.offline.errors.approvedAtInvalid")
    .refine((value) => Date.parse(value) <= Date.now() + 60_000, "customer.offline.errors.approvedAtFuture"),
  method: z.enum(Object.keys(OFFLINE_METHODS) as [keyof typeof OFFLINE_METHODS, ...Array<keyof typeof OFFLINE_METHODS>], { error: "customer.offline.errors.methodRequired" }),
  note: z.string().trim().max(1000).optional(),
  evidence: evidenceFile,
});

/**
 * Names compared as a person reads them: case, accents, punctuation, spacing and order aside
 * ("Maria Schneider" is "Schneider, Maria", the list form the portal shows).
 */
export function sameName(a: string, b: string): boolean {
  const normal = (value: string) => value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(" ").sort().join(" ");
  return normal(a) === normal(b) && normal(a).length > 0;
}
