/**
 * OpenTelemetry traces, off unless an OTLP endpoint is configured (the standard variables
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`, validated in
 * lib/env.ts). When on:
 *  - incoming HTTP requests: Next's own server spans (it uses the registered provider) and the
 *    node:http instrumentation;
 *  - Prisma queries: @prisma/instrumentation;
 *  - provider calls (lib/finum/transport.ts, node:http(s)): the node:http instrumentation; other
 *    outgoing fetches: the undici instrumentation (Node's fetch);
 *  - jobs: one span per job (lib/jobs/start-workers.ts), so its queries and provider calls share a trace.
 * Spans go out in batches as OTLP/HTTP JSON. Log lines carry `traceId` and `spanId` (lib/log/logger.ts).
 * Started once per process: instrumentation.ts (web) and scripts/worker.ts (worker).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { trace, type Span, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import type { Env } from "../env";

export interface TelemetryConfig {
  /** Where spans are POSTed (the full OTLP/HTTP traces URL). */
  tracesUrl: string;
  serviceName: string;
}

/** The exporter settings from a validated environment, or null when tracing is off. */
export function telemetryConfig(config: Pick<Env, "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" | "OTEL_SERVICE_NAME" | "OTEL_SDK_DISABLED">, role: "web" | "worker"): TelemetryConfig | null {
  if (config.OTEL_SDK_DISABLED) return null;
  const tracesUrl = config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (config.OTEL_EXPORTER_OTLP_ENDPOINT ? `${config.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces` : undefined);
  if (!tracesUrl) return null;
  return { tracesUrl, serviceName: config.OTEL_SERVICE_NAME ?? (role === "web" ? "proposal-desk" : "proposal-desk-worker") };
}

interface Started {
  config: TelemetryConfig;
  shutdown: () => Promise<void>;
}
const globalForTelemetry = globalThis as unknown as { proposalDeskTelemetry?: Started | null };

/**
 * Starts tracing for this process when an endpoint is configured; does nothing (and loads none of
 * the SDK) otherwise. Returns whether tracing is on. Call before the first request or job.
 */
export async function startTelemetry(config: Parameters<typeof telemetryConfig>[0], role: "web" | "worker"): Promise<boolean> {
  if (globalForTelemetry.proposalDeskTelemetry !== undefined) return globalForTelemetry.proposalDeskTelemetry !== null;
  const settings = telemetryConfig(config, role);
  if (!settings) {
    globalForTelemetry.proposalDeskTelemetry = null;
    return false;
  }
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION }, { registerInstrumentations }, { HttpInstrumentation }, { UndiciInstrumentation }, { PrismaInstrumentation }] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/semantic-conventions"),
    import("@opentelemetry/instrumentation"),
    import("@opentelemetry/instrumentation-http"),
    import("@opentelemetry/instrumentation-undici"),
    import("@prisma/instrumentation"),
  ]);
  const exporterUrl = new URL(settings.tracesUrl);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName, [ATTR_SERVICE_VERSION]: "0.1.0", "service.instance.role": role }),
    // The exporter sends JSON (OTLP/HTTP); OTEL_EXPORTER_OTLP_HEADERS is read by it for authentication.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }), { scheduledDelayMillis: 1_000 })],
  });
  provider.register(); // global tracer provider, AsyncLocalStorage context, W3C trace context propagation
  const sameTarget = (host: string | undefined, port: string | number | undefined) =>
    host === exporterUrl.hostname && String(port ?? (exporterUrl.protocol === "https:" ? 443 : 80)) === (exporterUrl.port || (exporterUrl.protocol === "https:" ? "443" : "80"));
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Health probes every few seconds would drown the rest; the exporter's own posts are never traced.
        ignoreIncomingRequestHook: (request) => /^\/api\/(health|ready)\b/.test(request.url ?? "") || /^\/_next\/static\//.test(request.url ?? ""),
        ignoreOutgoingRequestHook: (request) => sameTarget(request.hostname ?? request.host ?? undefined, request.port ?? undefined),
      }),
      new UndiciInstrumentation({ ignoreRequestHook: (request) => request.origin === exporterUrl.origin }),
      new PrismaInstrumentation(),
    ],
  });
  // The http instrumentation patches node:http(s) when they are next require()d. ES modules that
  // imported them earlier (the worker, under tsx) share the same module object, so one require
  // here patches their `http.request` too.
  const requireHere = createRequire(path.join(process.cwd(), "package.json"));
  requireHere("node:http");
  requireHere("node:https");
  globalForTelemetry.proposalDeskTelemetry = { config: settings, shutdown: () => provider.shutdown() };
  return true;
}

/** Sends the spans still buffered and stops tracing (on SIGTERM, before the process exits). */
export async function stopTelemetry(): Promise<void> {
  const started = globalForTelemetry.proposalDeskTelemetry;
  globalForTelemetry.proposalDeskTelemetry = undefined;
  if (started) await started.shutdown().catch(() => undefined);
}

export function telemetryEnabled(): boolean {
  return Boolean(globalForTelemetry.proposalDeskTelemetry);
}

function tracer(): Tracer {
  return trace.getTracer("proposal-desk");
}

/** The trace and span of the code running now, for log lines (nothing when tracing is off). */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !trace.isSpanContextValid(context)) return undefined;
  return { traceId: context.traceId, spanId: context.spanId };
}

/**
 * Runs `work` in a span of its own (a job: its database queries and provider calls become its
 * children). Without tracing it is a plain call (not even a no-op span: it wraps the hottest path).
 */
export function inSpan<T>(name: string, attributes: Record<string, string | number>, work: () => Promise<T>): Promise<T> {
  if (!telemetryEnabled()) return work();
  return tracer().startActiveSpan(name, { attributes }, async (span: Span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
