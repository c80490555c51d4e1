import crypto from "node:crypto";
import { AppError } from "../errors";
import { msg } from "../i18n/message";

export interface KeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A fresh RSA-2048 key pair (RS256): the private half stays encrypted in our database. */
export function generateKeyPair(): KeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** A key pair passed in (the seed's development identity) must be RSA or EC P-256 and belong together. */
export function checkKeyPair(pair: KeyPair): KeyPair {
  try {
    const privateKey = crypto.createPrivateKey(pair.privateKeyPem);
    const publicKey = crypto.createPublicKey(pair.publicKeyPem);
    const derived = crypto.createPublicKey(privateKey).export({ type: "spki", format: "der" });
    if (!derived.equals(publicKey.export({ type: "spki", format: "der" }))) throw new Error("the public key does not belong to the private key");
    return { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
  } catch (error) {
    throw new AppError("VALIDATION", msg("providers.errors.keyPair", { message: (error as Error).message }));
  }
}
