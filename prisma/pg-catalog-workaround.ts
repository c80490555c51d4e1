/**
 * Workaround for prisma/orm issue 27403 (Prisma 6.19, JS schema engine + @prisma/adapter-pg):
 * the Wasm schema engine reads PostgreSQL catalog columns of type `name` (OID 19) and `"char"`
 * (OID 18), and their arrays (1003, 1002), which the adapter refuses to deserialize
 * ("Column type 'name' could not be deserialized"). Reporting them as text / text[] is exact
 * for these types. Only the Prisma CLI (migrations) uses this; delete it once upstream is fixed.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const AS_TEXT: Record<number, number> = { 19: 25, 18: 25, 1003: 1009, 1002: 1009 };

function rewriteFieldTypes<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as Array<{ fields?: Array<{ dataTypeID: number }> } | undefined>) {
    for (const field of r?.fields ?? []) {
      const text = AS_TEXT[field.dataTypeID];
      if (text !== undefined) field.dataTypeID = text;
    }
  }
  return result;
}

export class CatalogTextClient extends pg.Client {
  // pg's Pool calls query with a callback; the adapter awaits the promise form. Handle both.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const callback = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pending = (super.query as any)(...args);
    if (!(pending instanceof Promise)) return pending; // a Submittable (e.g. a Cursor) is passed through
    const rewritten = pending.then(rewriteFieldTypes);
    if (!callback) return rewritten;
    rewritten.then((res) => callback(null, res), (err) => callback(err));
    return undefined;
  }
}

/** Discrete connection fields, not `connectionString`, or the shadow database name is ignored. */
export function poolConfigFromUrl(databaseUrl: string): pg.PoolConfig {
  const url = new URL(databaseUrl);
  return {
    host: decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")),
    Client: CatalogTextClient,
  };
}

/**
 * The statements of a migration script. @prisma/adapter-pg's executeScript splits a script on
 * every `;`, also inside quotes, comments and dollar-quoted function bodies (a trigger function
 * then arrives in pieces); this splits only where a statement really ends.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === "-" && script[i + 1] === "-") {
      const end = script.indexOf("\n", i);
      i = end === -1 ? script.length : end + 1;
    } else if (c === "/" && script[i + 1] === "*") {
      const end = script.indexOf("*/", i + 2);
      i = end === -1 ? script.length : end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < script.length && !(script[j] === c && script[j + 1] !== c)) j += script[j] === c ? 2 : 1;
      i = j + 1;
    } else if (c === "$" && /^\$[A-Za-z_]*\$/.test(script.slice(i, i + 64))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i, i + 64))![0];
      const end = script.indexOf(tag, i + tag.length);
      i = end === -1 ? script.length : end + tag.length;
    } else if (c === ";") {
      statements.push(script.slice(start, i));
      start = ++i;
    } else i++;
  }
  statements.push(script.slice(start));
  return statements.map((statement) => statement.trim()).filter((statement) => statement.length > 0 && !/^(--[^\n]*\n?\s*)*$/.test(statement));
}

/** PrismaPg whose connections run a migration script statement by statement as PostgreSQL reads it. */
export class ScriptSafePrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const inner = adapter as any;
    adapter.executeScript = async (script: string) => {
      for (const statement of splitSqlStatements(script)) {
        try {
          await inner.client.query(statement);
        } catch (error) {
          inner.onError(error);
        }
      }
    };
    return adapter;
  }
}
