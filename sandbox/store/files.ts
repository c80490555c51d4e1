import { createHash } from "node:crypto";
import type { Queryable } from "../db/pool";
import type { IdStyle } from "../dialects/table";
import { newId } from "../ids";
import { NOW_MS_SQL } from "./records";

export interface NewFile {
  consumerId: string;
  contractId: string | null;
  kind: "proposal" | "policy";
  name: string;
  contentType: string;
  bytes: Buffer;
  idStyle?: IdStyle;
}

export async function insertFile(db: Queryable, file: NewFile): Promise<string> {
  const id = newId("fi", file.idStyle);
  const record = {
    name: file.name,
    contentType: file.contentType,
    size: file.bytes.length,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
    contractId: file.contractId,
    kind: file.kind,
  };
  await db.query(
    `insert into files (id, consumer_id, contract_id, record, content, updated_at) values ($1, $2, $3, $4, $5, ${NOW_MS_SQL})`,
    [id, file.consumerId, file.contractId, JSON.stringify(record), file.bytes],
  );
  return id;
}

export async function getFileContent(db: Queryable, consumerId: string, id: string): Promise<{ contentType: string; name: string; bytes: Buffer } | undefined> {
  const { rows } = await db.query("select record, content from files where consumer_id = $1 and id = $2", [consumerId, id]);
  const row = rows[0];
  if (!row) return undefined;
  return { contentType: String(row.record.contentType), name: String(row.record.name), bytes: row.content as Buffer };
}
