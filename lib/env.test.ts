import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const good = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app:pw@db.internal:5432/proposal_desk",
  APP_URL: "https://portal.example.com/",
  NEXTAUTH_SECRET: "x".repeat(40),
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
};

function problems(input: Record<string, string | undefined>): string[] {
  try {
    parseEnv(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("keeps the public URL and derives NEXTAUTH_URL from it", () => {
    const env = parseEnv(good);
    expect(env.APP_URL).toBe("https://portal.example.com");
    expect(env.NEXTAUTH_URL).toBe("https://portal.example.com");
    expect(env.TRUSTED_PROXIES).toEqual([]);
  });

  it("names every malformed variable and says what is expected, without echoing secrets", () => {
    const found = problems({
      ...good,
      DATABASE_URL: "postgres://user:p@ss#word@host/db",
      ENCRYPTION_KEY: "not-base64-secret",
      PORT: "eighty",
      TRUSTED_PROXIES: "10.0.0.0/33,proxy.example",
      JOBS_ENABLED: "yes",
      SESSION_MAX_AGE_HOURS: "48",
      APP_URL: "portal.example.com",
    });
    const text = found.join("\n");
    for (const name of ["DATABASE_URL", "ENCRYPTION_KEY", "PORT", "TRUSTED_PROXIES", "JOBS_ENABLED", "SESSION_MAX_AGE_HOURS", "APP_URL"]) expect(text).toContain(name);
    expect(text).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
    expect(text).toMatch(/ENCRYPTION_KEY must be 32 random bytes in base64/);
    expect(text).not.toContain("not-base64-secret");
    expect(text).not.toContain("p@ss#word");
  });

  it("requires the public URL and the secrets in production", () => {
    const text = problems({ NODE_ENV: "production", DATABASE_URL: good.DATABASE_URL }).join("\n");
    expect(text).toMatch(/APP_URL is not set/);
    expect(text).toMatch(/NEXTAUTH_SECRET is not set/);
    expect(text).toMatch(/ENCRYPTION_KEY is not set/);
  });

  it("accepts trusted proxies as addresses and ranges", () => {
    expect(parseEnv({ ...good, TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1,::1" }).TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "127.0.0.1", "::1"]);
  });
});
