/** /v1/openapi.json (generated from lib/finum) and /v1/docs, a readable reference built from it. */
import { buildOpenApiDocument, KNOWN_CONTRACT_STATUSES, describeStatus } from "../../lib/finum";
import { PRODUCTS } from "../catalogue/products";
import type { SandboxContext } from "../context";
import { sendHtml, sendJson } from "../http/respond";
import type { Router } from "../http/router";

const escape = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; description?: string; $ref?: string; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; enum?: unknown[]; const?: unknown; format?: string };

function typeOf(schema: JsonSchema): string {
  if (schema.$ref) return schema.$ref.split("/").pop()!;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  if (schema.oneOf) return schema.oneOf.map(typeOf).join(" | ");
  if (schema.type === "array" && schema.items) return `${typeOf(schema.items)}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return schema.format ? `${type} (${schema.format})` : type;
}

function schemaTable(name: string, schema: JsonSchema): string {
  const variants = schema.oneOf ?? [schema];
  const tables = variants.map((variant) => {
    const rows = Object.entries(variant.properties ?? {})
      .map(([prop, def]) => `<tr><td><code>${escape(prop)}</code></td><td>${escape(typeOf(def))}</td><td>${variant.required?.includes(prop) ? "yes" : ""}</td><td>${escape(def.description ?? "")}</td></tr>`)
      .join("");
    return rows ? `<table><tr><th>field</th><th>type</th><th>required</th><th>notes</th></tr>${rows}</table>` : `<p><code>${escape(typeOf(variant))}</code></p>`;
  });
  return `<h3 id="schema-${escape(name)}">${escape(name)}</h3><p>${escape(schema.description ?? "")}</p>${tables.join("<p>or</p>")}`;
}

export function renderDocsHtml(serverUrl: string): string {
  const doc = buildOpenApiDocument({ serverUrl }) as { paths: Record<string, Record<string, { summary: string; parameters?: { name: string; in: string; required: boolean; description?: string }[]; responses: Record<string, { description: string }> }>>; components: { schemas: Record<string, JsonSchema> } };
  const endpoints = Object.entries(doc.paths)
    .flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, op]) => {
        const params = (op.parameters ?? []).map((p) => `<code>${escape(p.name)}</code> (${escape(p.in)}${p.required ? ", required" : ""})${p.description ? ": " + escape(p.description) : ""}`).join("<br>");
        const responses = Object.entries(op.responses).map(([code, r]) => `<code>${escape(code)}</code> ${escape(r.description)}`).join("<br>");
        return `<tr><td><code>${method.toUpperCase()} ${escape(path)}</code></td><td>${escape(op.summary)}</td><td>${params}</td><td>${responses}</td></tr>`;
      }),
    )
    .join("");
  const statuses = KNOWN_CONTRACT_STATUSES.map((code) => describeStatus(code))
    .map((s) => `<tr><td><code>${s.code}</code></td><td>${escape(s.label)}</td><td>${escape(s.phase)}</td><td>${escape(s.setBy ?? "")}</td></tr>`)
    .join("");
  const products = PRODUCTS.map(
    (p) =>
      `<tr><td><code>${escape(p.id)}</code></td><td>${escape(p.name)}</td><td>${escape(p.line)}</td><td>${p.fields
        .map((f) => `${escape(f.name)}: ${escape(f.type)}${f.options ? ` (${escape(f.options.join(", "))})` : ""}${f.required ? " *" : ""}`)
        .join("<br>")}</td></tr>`,
  ).join("");
  const schemas = Object.entries(doc.components.schemas)
    .map(([name, schema]) => schemaTable(name, schema))
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>FiNUM Sandbox API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border:1px solid #ddd;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f4f4f4}code{background:#f4f4f4;padding:0 .2rem;border-radius:3px}h2{margin-top:2.5rem;border-bottom:1px solid #ddd}</style></head><body>
<h1>FiNUM Sandbox API</h1>
<p>A FiNUM Sync API provider for development and tests. Base URL <code>${escape(serverUrl)}</code>. Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Authentication</h2>
<p><code>Authorization: Bearer &lt;JWT&gt;</code> signed RS256 or ES256 with the consumer's registered private key. Claims: <code>iss</code> = consumer id, <code>aud</code> = the sandbox audience, <code>iat</code>, <code>exp</code> (at most 1 hour after iat), optional header <code>kid</code>. 60 s clock skew. <code>alg: none</code> and HS* are rejected with 401.</p>
<h2>Endpoints</h2><table><tr><th>endpoint</th><th>what</th><th>parameters</th><th>answers</th></tr>${endpoints}</table>
<p>Writes accept <code>Idempotency-Key</code>: the same key with the same body returns the original answer (header <code>idempotent-replayed: true</code>); with another body, 409 <code>IDEMPOTENCY_KEY_REUSED</code>.</p>
<h2>Contract status codes</h2><table><tr><th>code</th><th>meaning</th><th>phase</th><th>set by</th></tr>${statuses}</table>
<p>Flow: <code>POST /v1/contract</code> with status 120 answers 110 (statusNote names the missing fields) or 120; after the proposal delay the contract moves to 130 (<code>data.proposalFileId</code>, <code>data.proposalVersion</code>) or 420 (declined by a rule). <code>PATCH</code> with 120 and changed data makes a new proposal version; 230 orders it (240 at once, 320 with <code>contractNumber</code> and <code>data.policyFileId</code> after review); 430 withdraws. Other moves are 409 <code>INVALID_STATUS_TRANSITION</code>.</p>
<h2>Callbacks</h2><p>On each status change of a contract with a <code>callback</code> URL: <code>POST</code> of <code>{"recordType":"contract","id","status","updatedAt"}</code> with Standard Webhooks headers (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature: v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;</code>) when the consumer has a webhook secret. Non-2xx and timeouts are retried with exponential backoff.</p>
<h2>Errors</h2><p><code>{"error":{"code":"UPPER_SNAKE","message":"...","details":[{"field","message"}]}}</code>: 400 bad parameter, 401 bad token, 404, 409 transition or idempotency conflict, 414 more than 500 ids, 422 validation with field details, 429 with Retry-After, 5xx.</p>
<h2>Products</h2><table><tr><th>id</th><th>name</th><th>line</th><th>fields (* required)</th></tr>${products}</table>
<h2>Schemas</h2>${schemas}
</body></html>`;
}

export function registerDocsRoutes(router: Router, ctx: SandboxContext, serverUrl: () => string): void {
  router.on("GET", "/v1/openapi.json", async ({ res }) => sendJson(res, 200, buildOpenApiDocument({ serverUrl: serverUrl(), title: "FiNUM Sandbox API" })));
  router.on("GET", "/v1/docs", async ({ res }) => sendHtml(res, renderDocsHtml(serverUrl())));
  router.on("GET", "/healthz", async ({ res }) => {
    await ctx.db.query("select 1");
    sendJson(res, 200, { ok: true });
  });
  router.on("GET", "/", async ({ res }) => {
    res.writeHead(302, { location: "/v1/docs" });
    res.end();
  });
}
