/**
 * The development consumer: a key pair and webhook secret generated on first start and kept in
 * a file under .data/ (never committed). The sandbox registers its public key; the portal's dev
 * seed reads the same file for the private key and secret.
 */
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { generateWebhookSecret } from "../lib/finum";

export const DEV_CONSUMER_ID = "proposal-desk-dev";

export const devConsumerSchema = z.object({
  consumerId: z.string().min(1),
  privateKeyPem: z.string().min(1),
  publicKeyPem: z.string().min(1),
  webhookSecret: z.string().startsWith("whsec_"),
});

export type DevConsumer = z.infer<typeof devConsumerSchema>;

/** Reads the credentials file, or creates it (mode 0600) with a new RSA key pair and secret. */
export async function ensureDevConsumer(file: string, consumerId = DEV_CONSUMER_ID): Promise<DevConsumer> {
  try {
    return devConsumerSchema.parse(JSON.parse(await fs.readFile(file, "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file} is not a valid dev consumer file: ${(error as Error).message}`);
  }
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const consumer: DevConsumer = { consumerId, privateKeyPem: privateKey, publicKeyPem: publicKey, webhookSecret: generateWebhookSecret() };
  await fs.mkdir(path.dirname(file), { recursive: true });
  // wx: two processes starting together must not overwrite each other's key.
  try {
    await fs.writeFile(file, JSON.stringify(consumer, null, 2), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return devConsumerSchema.parse(JSON.parse(await fs.readFile(file, "utf8")));
    throw error;
  }
  return consumer;
}
