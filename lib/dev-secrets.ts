/**
 * Development secrets, generated once and kept in .data/secrets.json (git-ignored), so that
 * `npm run dev` works with no configuration and sessions survive a restart.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface DevSecrets {
  NEXTAUTH_SECRET: string;
  ENCRYPTION_KEY: string;
}

export const DATA_DIR = path.join(process.cwd(), ".data");
const FILE = path.join(DATA_DIR, "secrets.json");

export function loadDevSecrets(): DevSecrets {
  try {
    return JSON.parse(fs.readFileSync(FILE, "utf8")) as DevSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`Cannot read ${FILE}: ${(error as Error).message}`);
  }
  const secrets: DevSecrets = {
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  };
  fs.mkdirSync(DATA_DIR, { recursive: true });
  try {
    // "wx": if another process wrote it first, theirs wins and we read it back.
    fs.writeFileSync(FILE, JSON.stringify(secrets, null, 2) + "\n", { flag: "wx", mode: 0o600 });
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return JSON.parse(fs.readFileSync(FILE, "utf8")) as DevSecrets;
    throw error;
  }
}
