/**
 * OpenTelemetry (lib/ops/telemetry.ts) against a tiny OTLP/HTTP receiver on loopback: off without
 * an endpoint (no provider, no trace ids, nothing sent); on, a job's span carries a real Prisma
 * query and a real provider call to the sandbox in one trace, sent as OTLP JSON, and log lines
 * written inside carry its trace id. (The built web process and the worker: e2e/operations.spec.ts.)
 */
import http from "node:http";
import { Writable } from "node:stream";
import { afterAll, describe, expect, inject, it } from "vitest";
import { trace } from "@opentelemetry/api";
import { db } from "@/lib/db";
import { createFinumClient } from "@/lib/finum/client";
import { logger, setLogDestination } from "@/lib/log/logger";
import { activeTraceIds, inSpan, startTelemetry, stopTelemetry, telemetryConfig, telemetryEnabled } from "@/lib/ops/telemetry";

interface ReceivedSpan {
  service: string;
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

async function otlpReceiver() {
  const posts: Array<{ path: string; contentType: string; body: string }> = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      posts.push({ path: request.url ?? "", contentType: String(request.headers["content-type"]), body });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const spans = (): ReceivedSpan[] =>
    posts.flatMap((post) =>
      (JSON.parse(post.body) as { resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans: Array<{ scope: { name: string }; spans: Array<{ name: string; kind: number; traceId: string; parentSpanId?: string; attributes: Array<{ key: string; value: Record<string, unknown> }> }> }> }> }).resourceSpans.flatMap((resource) =>
        resource.scopeSpans.flatMap((scope) =>
          scope.spans.map((span) => ({
            service: resource.resource.attributes.find((a) => a.key === "service.name")?.value.stringValue ?? "",
            scope: scope.scope.name,
            name: span.name,
            kind: span.kind,
            traceId: span.traceId,
            parentSpanId: span.parentSpanId,
            attributes: Object.fromEntries(span.attributes.map((a) => [a.key, Object.values(a.value)[0]])),
          })),
        ),
      ),
    );
  return { url, posts, spans, close: () => new Promise((resolve) => server.close(resolve)) };
}

function collectLogs() {
  const lines: Array<Record<string, unknown>> = [];
  setLogDestination(new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) }) as never);
  return lines;
}

const receiver = await otlpReceiver();
afterAll(async () => {
  await stopTelemetry();
  await receiver.close();
});

describe("OpenTelemetry", () => {
  it("reads the standard variables: the traces endpoint wins, the base endpoint gets /v1/traces, disabled means off", () => {
    const none = { OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined, OTEL_SERVICE_NAME: undefined, OTEL_SDK_DISABLED: false };
    expect(telemetryConfig(none, "web")).toBeNull();
    expect(telemetryConfig({ ...none, OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, "worker")).toEqual({ tracesUrl: "http://collector:4318/v1/traces", serviceName: "proposal-desk-worker" });
    expect(telemetryConfig({ ...none, OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://b:4318/traces", OTEL_SERVICE_NAME: "pd" }, "web")).toEqual({ tracesUrl: "http://b:4318/traces", serviceName: "pd" });
    expect(telemetryConfig({ ...none, OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_SDK_DISABLED: true }, "web")).toBeNull();
  });

  it("starts nothing without an endpoint: no tracer provider, no trace ids on log lines, nothing sent", async () => {
    expect(await startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined, OTEL_SERVICE_NAME: undefined, OTEL_SDK_DISABLED: false }, "worker")).toBe(false);
    expect(telemetryEnabled()).toBe(false);
    const lines = collectLogs();
    await inSpan("job off", {}, async () => {
      expect(activeTraceIds()).toBeUndefined();
      expect(trace.getActiveSpan()?.isRecording() ?? false).toBe(false);
      await db().organization.count();
      logger().info("inside an untraced job");
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // longer than the batch delay
    expect(lines.find((line) => line.msg === "inside an untraced job")).not.toHaveProperty("traceId");
    expect(receiver.posts).toEqual([]);
    await stopTelemetry();
  });

  it("with an endpoint, a job's Prisma query and provider call arrive as OTLP JSON in one trace, and its log lines carry the trace id", async () => {
    expect(await startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined, OTEL_SERVICE_NAME: "pd-test", OTEL_SDK_DISABLED: false }, "worker")).toBe(true);
    const lines = collectLogs();
    const consumer = inject("sandboxConsumer");
    const client = createFinumClient({ name: "Sandbox", baseUrl: inject("sandboxUrl"), consumerId: consumer.consumerId, audience: inject("sandboxAudience"), privateKeyPem: consumer.privateKeyPem, retryBaseMs: 20 });
    let traceId = "";
    await inSpan("job telemetry-test", { "job.id": "t1" }, async () => {
      traceId = activeTraceIds()!.traceId;
      await db().organization.count();
      await client.authStatus();
      logger().info("inside a traced job");
    });
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines.find((line) => line.msg === "inside a traced job")).toMatchObject({ traceId, spanId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    await stopTelemetry(); // flushes

    expect(receiver.posts.length).toBeGreaterThan(0);
    for (const post of receiver.posts) {
      expect(post.path).toBe("/v1/traces");
      expect(post.contentType).toMatch(/application\/json/);
    }
    const inTrace = receiver.spans().filter((span) => span.traceId === traceId);
    expect(inTrace.every((span) => span.service === "pd-test")).toBe(true);
    expect(inTrace.find((span) => span.name === "job telemetry-test")).toMatchObject({ kind: 1, attributes: { "job.id": "t1" } });
    expect(inTrace.some((span) => span.scope === "prisma" && span.name === "prisma:client:operation")).toBe(true);
    expect(inTrace.some((span) => span.name === "prisma:client:db_query" && String(span.attributes["db.query.text"]).includes("Organization"))).toBe(true);
    // The provider call (lib/finum/transport.ts, node:http): a CLIENT span to the sandbox, child of the job.
    const providerCall = inTrace.find((span) => span.kind === 3 && span.scope === "@opentelemetry/instrumentation-http");
    expect(providerCall, JSON.stringify(inTrace.map((span) => [span.scope, span.name, span.kind]))).toBeDefined();
    expect(providerCall!.attributes["server.address"]).toBe(new URL(inject("sandboxUrl")).hostname);
    expect(providerCall!.attributes["http.response.status_code"]).toBe(200);
    // The exporter's own posts are never traced.
    expect(receiver.spans().some((span) => String(span.attributes["url.full"] ?? "").startsWith(receiver.url))).toBe(false);
  });
});
