import { z } from "zod";

export const conformanceConfigSchema = z.object({
  baseUrl: z.url().transform((url) => url.replace(/\/+$/, "")),
  consumerId: z.string().min(1),
  privateKeyPem: z.string().includes("PRIVATE KEY", { message: "a PEM private key (PKCS#8)" }),
  audience: z.string().min(1),
  keyId: z.string().optional(),
  webhookSecret: z.string().startsWith("whsec_").optional(),
  /** Enables checks that use the sandbox admin API (fault injection, callback log, ES256 consumer). */
  adminToken: z.string().optional(),
  /** Enables checks of the sandbox's own rules (420 for life over 75, the catalogue, docs). */
  sandboxRules: z.boolean().default(false),
  /** Host the local callback listener binds to and advertises. */
  callbackHost: z.string().default("127.0.0.1"),
  /** How long to wait for a provider step (proposal, activation, callback). */
  stepTimeoutMs: z.number().int().positive().default(30_000),
  /** How long one HTTP request may take (a provider that hangs fails the check instead of the run). */
  requestTimeoutMs: z.number().int().positive().default(30_000),
});

export type ConformanceConfig = z.infer<typeof conformanceConfigSchema>;
export type ConformanceConfigInput = z.input<typeof conformanceConfigSchema>;
