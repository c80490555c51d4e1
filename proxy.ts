import { NextResponse, type NextRequest } from "next/server";

// Only a convenience redirect for visitors with no session cookie at all. It is never the
// security check: every page, server action and route handler verifies the session itself.
const PUBLIC = [/^\/login/, /^\/approve\//, /^\/api\//, /^\/_next\//, /^\/favicon/, /^\/dev\//];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((pattern) => pattern.test(pathname))) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

// API routes answer for themselves (problem details, 401): the proxy stays off their hot path.
export const config = { matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"] };
