/**
 * The offline approval form, shared by the browser and the server. An approval given outside
 * the portal needs: who approved (the customer's name as on the proposal), when (not before the
 * proposal, not in the future), how, and an evidence document (a scan or photo: PDF or image).
 * The checks against the proposal itself (name, date) are in record-offline-approval.ts.
 */
import { z } from "zod";

export const OFFLINE_METHODS = { paper: "Signed on paper", phone: "By phone", email: "By email", "in-person": "In person" } as const;

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"] as const;

const evidenceFile = z.custom<File>((value) => typeof File !== "undefined" && value instanceof File && value.size > 0, "Attach the evidence: a scan or photo of the signed proposal, or the customer's email as PDF.")
  .refine((file) => file.size <= MAX_EVIDENCE_BYTES, `The evidence may be at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`)
  .refine((file) => (EVIDENCE_TYPES as readonly string[]).includes(file.type), "The evidence must be a PDF or an image (PNG, JPEG, GIF, WebP).");

export const offlineApprovalSchema = z.object({
  approvedBy: z.string().trim().min(2, "Enter the customer's name as it appears on the proposal.").max(200),
  approvedAt: z
    .string()
    .min(1, "Enter when the approval was given.")
    .refine((value) => !Number.isNaN(Date.parse(value)), "Enter a valid date and time.")
    .refine((value) => Date.parse(value) <= Date.now() + 60_000, "The approval cannot be in the future."),
  method: z.enum(Object.keys(OFFLINE_METHODS) as [keyof typeof OFFLINE_METHODS, ...Array<keyof typeof OFFLINE_METHODS>], { error: "Choose how the approval was given." }),
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
