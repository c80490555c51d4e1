/**
 * Registered consumers: who may call the API (public keys for JWT verification), the webhook
 * secret their callbacks are signed with, and their fault-injection settings.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import fs from "node:fs/promises";
import { z } from "zod";
import { isValidWebhookSecret } from "../../lib/finum";
import type { Queryable } from "../db/pool";
import { DIALECT_NAMES, type DialectName } from "../dialects/table";
import { faultsSchema, type Faults } from "./faults";

export type KeyAlgorithm = "RS256" | "ES256";

/** The algorithm a public key is used with, or an error message when the key is not acceptable. */
export function keyAlgorithm(key: KeyObject): KeyAlgorithm | string {
  if (key.type !== "public") return "must be a public key";
  if (key.asymmetricKeyType === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return bits >= 2048 ? "RS256" : "RSA keys need at least 2048 bits";
  }
  if (key.asymmetricKeyType === "ec") {
    return key.asymmetricKeyDetails?.namedCurve === "prime256v1" ? "ES256" : "EC keys must use the P-256 curve";
  }
  return "must be an RSA (RS256) or EC P-256 (ES256) public key";
}

const pemSchema = z
  .string()
  .max(10_000)
  .superRefine((pem, ctx) => {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      ctx.addIssue({ code: "custom", message: "not a PEM public key (SPKI, -----BEGIN PUBLIC KEY-----)" });
      return;
    }
    const alg = keyAlgorithm(key);
    if (alg !== "RS256" && alg !== "ES256") ctx.addIssue({ code: "custom", message: alg });
  });

const publicKeyEntrySchema = z.object({ kid: z.string().min(1).max(200).optional(), pem: pemSchema });

export const consumerInputSchema = z
  .object({
    consumerId: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9._:@-]+$/, "letters, digits and . _ : @ - only"),
    publicKeyPem: pemSchema.optional(),
    publicKeys: z.array(publicKeyEntrySchema).max(10).optional(),
    webhookSecret: z
      .string()
      .refine(isValidWebhookSecret, "a webhook secret is whsec_ followed by base64 (at least 16 bytes)")
      .nullable()
      .optional(),
    faults: faultsSchema.optional(),
    /** How this provider speaks to the consumer (sandbox/dialects/table.ts); default: the instance's (SANDBOX_DIALECT). */
    dialect: z.enum(DIALECT_NAMES).optional(),
  })
  .refine((input) => input.publicKeyPem !== undefined || (input.publicKeys?.length ?? 0) > 0, {
    message: "give publicKeyPem or publicKeys",
    path: ["publicKeyPem"],
  });

export type ConsumerInput = z.infer<typeof consumerInputSchema>;

export interface PublicKeyEntry {
  kid?: string;
  pem: string;
}

export interface Consumer {
  consumerId: string;
  publicKeys: PublicKeyEntry[];
  webhookSecret: string | null;
  faults: Faults;
  /** null: the instance's default dialect. */
  dialect: DialectName | null;
  source: string;
}

function keysOf(input: ConsumerInput): PublicKeyEntry[] {
  const keys: PublicKeyEntry[] = [...(input.publicKeys ?? [])];
  if (input.publicKeyPem) keys.push({ pem: input.publicKeyPem });
  return keys;
}

const COLUMNS = "consumer_id, public_keys, webhook_secret, faults, dialect, source";

/** Creates or replaces a consumer's keys and secret; faults and dialect are kept unless given. */
export async function upsertConsumer(db: Queryable, input: ConsumerInput, source: string): Promise<Consumer> {
  const { rows } = await db.query(
    `insert into consumers (consumer_id, public_keys, webhook_secret, faults, dialect, source)
     values ($1, $2, $3, coalesce($4::jsonb, '{}'::jsonb), $7, $5)
     on conflict (consumer_id) do update set
       public_keys = excluded.public_keys,
       webhook_secret = case when $6 then excluded.webhook_secret else consumers.webhook_secret end,
       faults = coalesce($4::jsonb, consumers.faults),
       dialect = coalesce($7, consumers.dialect),
       source = excluded.source,
       updated_at = now()
     returning ${COLUMNS}`,
    [
      input.consumerId,
      JSON.stringify(keysOf(input)),
      input.webhookSecret ?? null,
      input.faults ? JSON.stringify(input.faults) : null,
      source,
      input.webhookSecret !== undefined,
      input.dialect ?? null,
    ],
  );
  return toConsumer(rows[0]);
}

export async function getConsumer(db: Queryable, consumerId: string): Promise<Consumer | undefined> {
  const { rows } = await db.query(
    `select ${COLUMNS} from consumers where consumer_id = $1`,
    [consumerId],
  );
  return rows[0] ? toConsumer(rows[0]) : undefined;
}

export async function listConsumers(db: Queryable): Promise<Consumer[]> {
  const { rows } = await db.query(`select ${COLUMNS} from consumers order by created_at, consumer_id`);
  return rows.map(toConsumer);
}

export async function setConsumerFaults(db: Queryable, consumerId: string, faults: Faults): Promise<Consumer | undefined> {
  const { rows } = await db.query(
    `update consumers set faults = $2, updated_at = now() where consumer_id = $1 returning ${COLUMNS}`,
    [consumerId, JSON.stringify(faults)],
  );
  return rows[0] ? toConsumer(rows[0]) : undefined;
}

export async function setConsumerDialect(db: Queryable, consumerId: string, dialect: DialectName): Promise<Consumer | undefined> {
  const { rows } = await db.query(`update consumers set dialect = $2, updated_at = now() where consumer_id = $1 returning ${COLUMNS}`, [consumerId, dialect]);
  return rows[0] ? toConsumer(rows[0]) : undefined;
}

export async function deleteConsumer(db: Queryable, consumerId: string): Promise<boolean> {
  const { rowCount } = await db.query("delete from consumers where consumer_id = $1", [consumerId]);
  return (rowCount ?? 0) > 0;
}

/** What the admin API shows: never the webhook secret itself. */
export function publicView(consumer: Consumer) {
  return {
    consumerId: consumer.consumerId,
    keys: consumer.publicKeys.map((key) => ({ kid: key.kid ?? null, algorithm: keyAlgorithm(createPublicKey(key.pem)) })),
    hasWebhookSecret: consumer.webhookSecret !== null,
    faults: consumer.faults,
    dialect: consumer.dialect,
    source: consumer.source,
  };
}

function toConsumer(row: Record<string, unknown>): Consumer {
  return {
    consumerId: row.consumer_id as string,
    publicKeys: row.public_keys as PublicKeyEntry[],
    webhookSecret: (row.webhook_secret as string | null) ?? null,
    faults: faultsSchema.catch({}).parse(row.faults),
    dialect: z.enum(DIALECT_NAMES).nullable().catch(null).parse(row.dialect ?? null),
    source: row.source as string,
  };
}

/** Registers every consumer of a JSON file (an array of consumer inputs). */
export async function registerConsumersFile(db: Queryable, file: string): Promise<string[]> {
  const text = await fs.readFile(file, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  const result = z.array(consumerInputSchema).safeParse(parsed);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  [${issue.path.join(".")}] ${issue.message}`);
    throw new Error(`${file} is not a list of consumers:\n${lines.join("\n")}`);
  }
  for (const input of result.data) await upsertConsumer(db, input, "file");
  return result.data.map((input) => input.consumerId);
}
