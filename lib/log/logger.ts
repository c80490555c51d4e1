/**
 * Structured JSON logs (pino) to stdout. Every line carries the request id, correlation id, user
 * and organization of the request or job it was written in (lib/log/context.ts); secrets, tokens,
 * passwords and cookies are redacted wherever they appear in the logged object. With tracing on,
 * lines also carry `traceId` and `spanId`.
 */
import pino from "pino";
import { env } from "../env";
import { currentContext } from "./context";
import { activeTraceIds } from "../ops/telemetry";

const REDACT = [
  "password",
  "passwordHash",
  "token",
  "secret",
  "authorization",
  "cookie",
  "privateKeyPem",
  "webhookSecret",
  "*.password",
  "*.passwordHash",
  "*.token",
  "*.secret",
  "*.authorization",
  "*.cookie",
  "*.privateKeyPem",
  "*.webhookSecret",
  "*.headers.authorization",
  "*.headers.cookie",
  "*.headers[\"webhook-signature\"]",
  "*.headers[\"set-cookie\"]",
];

/** Tokens in URLs (callback tokens, customer links) never reach a log line. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|code|secret)=)[^&#]*/gi, "$1[redacted]").replace(/\/approve\/[^/?#]+/, "/approve/[redacted]");
}

function create(destination?: pino.DestinationStream) {
  let level = "info";
  try {
    level = env().LOG_LEVEL;
  } catch {
    /* a bad configuration is reported by the entry point; log at info meanwhile */
  }
  return pino(
    {
    level,
    base: { service: "proposal-desk" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT, censor: "[redacted]" },
    mixin() {
      const context = currentContext();
      const ids = context ? { requestId: context.requestId, correlationId: context.correlationId ?? context.requestId, userId: context.userId, organizationId: context.organizationId } : {};
      // With tracing on (lib/ops/telemetry.ts), the trace a line belongs to.
      const traced = activeTraceIds();
      return traced ? { ...ids, ...traced } : ids;
    },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const globalForLogger = globalThis as unknown as { proposalDeskLogger?: pino.Logger };

export function logger(): pino.Logger {
  return (globalForLogger.proposalDeskLogger ??= create());
}

/** Tests: send the log lines somewhere else (a stream that collects them). */
export function setLogDestination(destination: pino.DestinationStream): void {
  globalForLogger.proposalDeskLogger = create(destination);
}
