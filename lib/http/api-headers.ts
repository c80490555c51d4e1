/**
 * The headers of every API answer (JSON, problem details, SSE): nothing in them may run, be
 * framed, sniffed or cached. next.config.ts puts them on /api/*; the callback endpoint's fast path
 * (lib/http/request-context.ts), which answers before Next.js, sets the same. A route's own headers win.
 */
export const API_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cache-Control", value: "no-store" },
];
