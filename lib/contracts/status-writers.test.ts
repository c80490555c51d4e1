/**
 * "One status writer": no file but transition-contract.ts writes Contract.status, neither through
 * Prisma (`contract.update…({ data: { status } })`, `contract.create…`, `contract.upsert`) nor through
 * SQL (`UPDATE "Contract" SET "status"`, `INSERT INTO "Contract" (… "status" …)`).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "..", "..");
const WRITER = path.join("lib", "contracts", "transition-contract.ts");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [relative] : [];
  });
}

/** The argument text of each call starting at `start` (balanced parentheses). */
function callText(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "(") depth++;
    if (text[i] === ")" && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

export function statusWrites(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\.contract\.(update|updateMany|upsert|create|createMany|createManyAndReturn|updateManyAndReturn)\s*\(/g)) {
    const call = callText(text, match.index! + match[0].length - 1);
    const data = call.slice(Math.max(0, call.search(/\b(data|create|update)\s*:/)));
    if (/[{,\s]status\s*:/.test(data)) found.push(`${file}: contract.${match[1]} writes status`);
  }
  if (/UPDATE\s+"Contract"[\s\S]{0,400}?SET[\s\S]{0,2000}?"status"\s*=/.test(text)) found.push(`${file}: SQL UPDATE of "Contract"."status"`);
  if (/INSERT\s+INTO\s+"Contract"\s*\([^)]*"status"/.test(text)) found.push(`${file}: SQL INSERT of "Contract"."status"`);
  return found;
}

describe("one status writer", () => {
  it("finds no write of Contract.status outside transition-contract.ts", () => {
    // Product code only: benchmarks seed fixture rows straight into the table.
    const offenders = ["lib", "app", "components", "scripts", "prisma"]
      .filter((dir) => fs.existsSync(path.join(root, dir)))
      .flatMap(sourceFiles)
      .filter((file) => file !== WRITER)
      .flatMap((file) => statusWrites(file, fs.readFileSync(path.join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("would notice each kind of write (the check itself can fail)", () => {
    expect(statusWrites("a.ts", "await tx.contract.updateMany({ where: { id }, data: { status: 230 } })")).toHaveLength(1);
    expect(statusWrites("b.ts", "db().contract.create({ data: { organizationId, status: 120 } })")).toHaveLength(1);
    expect(statusWrites("c.ts", 'UPDATE "Contract" AS c SET "status" = u.status')).toHaveLength(1);
    expect(statusWrites("d.ts", 'INSERT INTO "Contract" ("id", "status") VALUES')).toHaveLength(1);
    expect(statusWrites("e.ts", "tx.contract.findMany({ where: { status: 130 } })")).toHaveLength(0);
    expect(statusWrites("f.ts", "tx.contract.updateMany({ where: { status: 130 }, data: { lastReadAt } })")).toHaveLength(0);
    expect(fs.readFileSync(path.join(root, WRITER), "utf8")).toMatch(/"status" = u\.status/);
  });
});
