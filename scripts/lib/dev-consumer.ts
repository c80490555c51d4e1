/**
 * The development consumer identity: the key pair and webhook secret the portal uses with the
 * sandbox. Generated on first start under .data/ (never committed), then registered in the
 * sandbox (its consumers file) and in the portal (the seeded provider).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface ConsumerIdentity {
  consumerId: string;
  keyId: string;
  privateKeyPem: string;
  publicKeyPem: string;
  webhookSecret: string;
}

export function generateConsumerIdentity(consumerId: string): ConsumerIdentity {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    consumerId,
    keyId: `key-${crypto.randomBytes(4).toString("hex")}`,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    webhookSecret: `whsec_${crypto.randomBytes(24).toString("base64")}`,
  };
}

export function loadOrCreateConsumerIdentity(dataDir: string, consumerId = "proposal-desk-dev"): ConsumerIdentity {
  const file = path.join(dataDir, "dev-consumer.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as ConsumerIdentity;
  const identity = generateConsumerIdentity(consumerId);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(identity, null, 2) + "\n", { mode: 0o600 });
  return identity;
}

/** The sandbox's consumers file: public half only. */
export function writeSandboxConsumersFile(dataDir: string, identity: ConsumerIdentity): string {
  const file = path.join(dataDir, "sandbox-consumers.json");
  const consumers = [{ consumerId: identity.consumerId, publicKeys: [{ kid: identity.keyId, pem: identity.publicKeyPem }], webhookSecret: identity.webhookSecret }];
  fs.writeFileSync(file, JSON.stringify(consumers, null, 2) + "\n");
  return file;
}
