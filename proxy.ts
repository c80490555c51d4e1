import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { hasUnsafeBytes, hasUnsafeText, UNSAFE_TEXT_MESSAGE } from "@/lib/http/unsafe-text";
import { AppError, toProblem } from "@/lib/errors";
import { LOCALE_COOKIE, appLocaleOr, negotiateLocale } from "@/lib/i18n/locales";

// Runs before every page, server action and API route (except the callback endpoint's hot path
// and the health checks). Three jobs, none of them the security check for data (every page,
// action and handler verifies the session itself):
//  1. security headers on every page: a CSP with a fresh nonce per request (Next puts it on its
//     own scripts when it finds the policy on the request), frame-ancestors none, HSTS behind
//     https in production, Referrer-Policy, nosniff, Permissions-Policy (API routes and files
//     get theirs from next.config.ts and lib/http/document-response.ts);
//  2. text the database cannot keep (NUL, lone surrogates) refused at the boundary with a clear
//     message, for form posts, server actions and API bodies alike;
//  3. a convenience redirect to the sign-in page for visitors with no session cookie at all.
const PUBLIC = [/^\/login/, /^\/approve\//, /^\/api\//, /^\/_next\//, /^\/favicon/, /^\/dev\//];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const MAX_CHECKED_BYTES = 5 * 1024 * 1024;

function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function securityHeaders(headers: Headers, csp: string) {
  headers.set("content-security-policy", csp);
  headers.set("x-frame-options", "DENY");
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "strict-origin-when-cross-origin");
  headers.set("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  const config = env();
  if (config.NODE_ENV === "production" && config.APP_URL.startsWith("https:")) headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
}

/** Refuses a body with text the database cannot keep; files in multipart forms are not text. */
async function unsafeBody(request: NextRequest): Promise<boolean> {
  if (request.method === "GET" || request.method === "HEAD" || !request.body) return false;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_CHECKED_BYTES) return false; // the route's own limit applies
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await request.clone().formData().catch(() => null);
    if (!form) return false;
    for (const [name, value] of form.entries()) if (hasUnsafeText(name) || (typeof value === "string" && hasUnsafeText(value))) return true;
    return false;
  }
  if (type && !/^(text\/|application\/(json|x-www-form-urlencoded)|application\/[\w.+-]*\+json)/.test(type)) return false;
  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  if (hasUnsafeBytes(bytes)) return true;
  if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) if (hasUnsafeText(name) || hasUnsafeText(value)) return true;
  }
  return false;
}

function refusal(request: NextRequest): Response {
  // A server action shows a text/plain answer's message as its error (the browser puts this
  // marker into the user's language); API callers get problem details in theirs.
  if (request.headers.has("next-action")) return new Response(UNSAFE_TEXT_MESSAGE, { status: 400, headers: { "content-type": "text/plain" } });
  const locale = appLocaleOr(request.cookies.get(LOCALE_COOKIE)?.value, negotiateLocale(request.headers.get("accept-language"), "en"));
  return Response.json(toProblem(new AppError("VALIDATION", "common.errors.unsafeText"), {}, locale), { status: 422, headers: { "content-type": "application/problem+json" } });
}

export async function proxy(request: NextRequest) {
  if (await unsafeBody(request)) return refusal(request);
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) return NextResponse.next();

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, env().NODE_ENV === "development");
  let response: NextResponse;
  if (PUBLIC.some((pattern) => pattern.test(pathname)) || SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    // Which page this is, for the page's language (lib/i18n/request-locale.ts): a customer's
    // page speaks the client's language, every other page the user's.
    requestHeaders.set("x-pd-path", pathname);
    requestHeaders.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  }
  // Stored files set their own, stricter headers (lib/http/document-response.ts).
  if (!/\/(documents\/[^/]+|document|receipt)$/.test(pathname)) securityHeaders(response.headers, csp);
  return response;
}

export const config = { matcher: ["/((?!api/callback|api/health|api/ready|_next/static|_next/image|favicon.ico).*)"] };
