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

  it("reads the OpenTelemetry and job variables, off and at their defaults unless set", () => {
    const plain = parseEnv(good);
    expect(plain).toMatchObject({ OTEL_SDK_DISABLED: false, JOB_EXPIRE_SECONDS: 60, JOB_MAINTENANCE_SECONDS: 30 });
    expect(plain.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(parseEnv({ ...good, OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/", OTEL_SERVICE_NAME: "pd-web" })).toMatchObject({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SERVICE_NAME: "pd-web" });
    const text = problems({ ...good, OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "ftp://x/v1/traces", OTEL_SERVICE_NAME: "my service", OTEL_SDK_DISABLED: "maybe", JOB_EXPIRE_SECONDS: "2", JOB_MAINTENANCE_SECONDS: "soon" }).join("\n");
    for (const name of ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_SERVICE_NAME", "OTEL_SDK_DISABLED", "JOB_EXPIRE_SECONDS", "JOB_MAINTENANCE_SECONDS"]) expect(text).toContain(name);
    expect(text).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) base URL/);
  });
});
