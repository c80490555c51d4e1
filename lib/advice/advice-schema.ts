/**
 * What an advice record holds, as the form and the API send it. A draft may be incomplete; a
 * completed record needs the client's needs, the advice and its reasons; a waiver needs the reason
 * the customer gave in their separate declaration.
 */
import { z } from "zod";

export const ADVICE_CHANNELS = ["IN_PERSON", "PHONE", "VIDEO"] as const;
export type AdviceChannel = (typeof ADVICE_CHANNELS)[number];

const TEXT_MAX = 10_000;
const text = z
  .string()
  .max(TEXT_MAX, "advice.errors.tooLong")
  .transform((value) => value.trim())
  .default("");

/** One product per entry, or the form's textarea with one product per line. */
const products = z
  .union([z.array(z.string()), z.string()])
  .default([])
  .transform((value) => (Array.isArray(value) ? value : value.split(/\r?\n/)).map((line) => line.trim()).filter((line) => line.length > 0))
  .pipe(z.array(z.string().max(200, "advice.errors.productTooLong")).max(30, "advice.errors.tooManyProducts"));

export const adviceDraftSchema = z.object({
  needs: text,
  advice: text,
  reasons: text,
  channel: z.enum(ADVICE_CHANNELS, "advice.errors.chooseChannel"),
  productsConsidered: products,
});

const required = (schema: typeof text) => schema.pipe(z.string().min(1, "advice.errors.required"));

export const adviceCompleteSchema = z.object({
  needs: required(text),
  advice: required(text),
  reasons: required(text),
  channel: z.enum(ADVICE_CHANNELS, "advice.errors.chooseChannel"),
  productsConsidered: products.pipe(z.array(z.string()).min(1, "advice.errors.productsRequired")),
});

export const adviceWaiverSchema = z.object({
  waiverReason: required(text),
  channel: z.enum(ADVICE_CHANNELS, "advice.errors.chooseChannel"),
  /** What the client wanted, if they said (kept with the waiver). */
  needs: text,
});

export type AdviceDraftInput = z.infer<typeof adviceDraftSchema>;
export type AdviceCompleteInput = z.infer<typeof adviceCompleteSchema>;
export type AdviceWaiverInput = z.infer<typeof adviceWaiverSchema>;
