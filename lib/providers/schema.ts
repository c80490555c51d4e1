/** One schema for the provider form in the browser and the server action (so: no node:crypto here). */
import { z } from "zod";

/** The same rule as lib/finum/webhook-signature (whsec_ + base64 of at least 16 bytes), without Buffer. */
function isWebhookSecret(value: string): boolean {
  const match = /^whsec_([A-Za-z0-9+/]+)(={0,2})$/.exec(value);
  if (!match) return false;
  const bytes = Math.floor(((match[1]!.length + match[2]!.length) * 3) / 4) - match[2]!.length;
  return bytes >= 16;
}

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value);
/** A checkbox from FormData ("on" or absent) or a boolean from code. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export const providerInputSchema = z.object({
  name: z.string().trim().min(2, "providers.schema.name").max(120),
  baseUrl: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "providers.schema.baseUrl" }))
    .transform((url) => url.replace(/\/+$/, "")),
  consumerId: z
    .string()
    .trim()
    .min(1, "providers.schema.consumerId")
    .max(200)
    .refine((value) => value === "" || /^[A-Za-z0-9._:@-]+$/.test(value), "providers.schema.consumerIdChars"),
  audience: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  keyId: z.preprocess(blankToUndefined, z.string().max(100).regex(/^[A-Za-z0-9._:-]+$/, "providers.schema.keyIdChars").optional()),
  webhookSecret: z.preprocess(
    blankToUndefined,
    z.string().refine(isWebhookSecret, "providers.schema.webhookSecret").optional(),
  ),
  /** Lets the base URL be on loopback or a private network (and plain HTTP there): an admin's explicit choice. */
  allowPrivateNetwork: checkbox.default(false),
});

export type ProviderInput = z.infer<typeof providerInputSchema>;

/** The audience (JWT `aud`) a provider expects by default: its host. */
export function defaultAudience(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/** Settings that cannot be learned from the provider (issue 8). Defaults work for every dialect. */
export const providerSettingsSchema = z.object({
  timeoutSeconds: z.coerce
    .number({ error: "providers.schema.timeout" })
    .int("providers.schema.wholeSeconds")
    .min(1, "providers.schema.timeoutMin")
    .max(120, "providers.schema.timeoutMax"),
  requestsPerSecond: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "providers.schema.rate" }).int("providers.schema.wholeNumber").min(1, "providers.schema.atLeastOne").max(1000, "providers.schema.rateMax").optional(),
  ),
  idChunkSizeOverride: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "providers.schema.chunk" }).int("providers.schema.wholeNumber").min(1, "providers.schema.atLeastOne").max(500, "providers.schema.chunkMax").optional(),
  ),
  acceptUnsignedCallbacks: checkbox.default(false),
});

export type ProviderSettingsInput = z.infer<typeof providerSettingsSchema>;
