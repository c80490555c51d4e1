/** A readable HTML reference of /api/v1, rendered from the OpenAPI document (no second source). */
import { buildApiOpenApiDocument } from "./openapi";

const escape = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

interface Operation {
  summary?: string;
  description?: string;
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses?: Record<string, { description?: string }>;
}

const refName = (ref?: string) => ref?.split("/").pop() ?? "";

export function renderApiReference(serverUrl: string): string {
  const doc = buildApiOpenApiDocument({ serverUrl }) as {
    info: { title: string; version: string; description: string };
    paths: Record<string, Record<string, Operation>>;
    webhooks: Record<string, { post: Operation }>;
    components: { schemas: Record<string, unknown>; securitySchemes: { oauth2: { flows: { clientCredentials: { scopes: Record<string, string> } } } } };
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const scopes = op.security?.[0]?.oauth2 ?? [];
      const body = op.requestBody ? Object.entries(op.requestBody.content).map(([type, media]) => `${escape(type)}: <a href="#schema-${escape(refName(media.schema.$ref))}">${escape(refName(media.schema.$ref))}</a>`).join(", ") : "";
      const params = (op.parameters ?? []).filter((param) => param.in !== "header" || param.name === "Idempotency-Key");
      return `<section id="${escape(op.operationId)}"><h3><code>${method.toUpperCase()} /api/v1${escape(path)}</code></h3><p>${escape(op.summary)}</p>${op.description ? `<p class="muted">${escape(op.description)}</p>` : ""}
<p><strong>Scopes:</strong> ${scopes.length ? scopes.map((scope) => `<code>${escape(scope)}</code>`).join(" ") : "none"}${body ? ` · <strong>Body:</strong> ${body}` : ""}</p>
${params.length ? `<table><tr><th>Parameter</th><th>In</th><th>Description</th></tr>${params.map((param) => `<tr><td><code>${escape(param.name)}</code>${param.required ? " *" : ""}</td><td>${escape(param.in)}</td><td>${escape(param.description)}</td></tr>`).join("")}</table>` : ""}
<table><tr><th>Status</th><th>Meaning</th></tr>${Object.entries(op.responses ?? {}).map(([status, response]) => `<tr><td>${escape(status)}</td><td>${escape(response.description)}</td></tr>`).join("")}</table></section>`;
    }),
  );
  const scopes = Object.entries(doc.components.securitySchemes.oauth2.flows.clientCredentials.scopes).map(([scope, text]) => `<tr><td><code>${escape(scope)}</code></td><td>${escape(text)}</td></tr>`).join("");
  const webhooks = Object.entries(doc.webhooks).map(([type, item]) => `<tr><td><code>${escape(type)}</code></td><td>${escape(item.post.summary)}</td></tr>`).join("");
  const schemas = Object.entries(doc.components.schemas).map(([name, schema]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><pre>${escape(JSON.stringify(schema, null, 2))}</pre></section>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} ${escape(doc.info.version)}</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#0f172a}code,pre{font:13px ui-monospace,monospace;background:#f1f5f9;border-radius:4px}code{padding:0 .25rem}pre{padding:.75rem;overflow:auto}table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #e2e8f0;padding:.3rem .5rem;text-align:left;vertical-align:top}section{border-top:1px solid #e2e8f0;padding-top:.5rem}.muted{color:#475569}</style></head>
<body><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>${doc.info.description.split("\n\n").map((para) => `<p>${escape(para)}</p>`).join("")}
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Getting a token</h2><pre>curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials ${escape(serverUrl)}/api/v1/oauth/token</pre>
<h2>Scopes</h2><table>${scopes}</table>
<h2>Operations</h2>${operations.join("\n")}
<h2>Webhooks</h2><p>Administrators subscribe URLs under Admin → Webhooks. Each delivery is signed with Standard Webhooks; verify it with the <code>standardwebhooks</code> library and the endpoint's secret.</p><table>${webhooks}</table>
<h2>Schemas</h2>${schemas}</body></html>`;
}
