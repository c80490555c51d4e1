import { issueAccessToken, OAuthError } from "@/lib/api/tokens";
import { baseHeaders } from "@/lib/api/handler";
import { newRequestId, logUnexpected } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { negotiateLocale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";

// OAuth 2.0 token endpoint (client credentials). Answers in OAuth's own error format (RFC 6749 §5.2).
export async function POST(request: Request) {
  const requestId = request.headers.get("x-request-id")?.slice(0, 128) || newRequestId();
  const headers = baseHeaders(requestId, request.headers.get("x-correlation-id")?.slice(0, 128) || requestId);
  headers.set("pragma", "no-cache");
  // error_description in the caller's language (Accept-Language; English otherwise).
  const locale = negotiateLocale(request.headers.get("accept-language"), "en");
  try {
    const type = request.headers.get("content-type") ?? "";
    const text = await request.text();
    let fields: Record<string, unknown> = {};
    if (/application\/json/i.test(type)) {
      try {
        fields = text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        throw new OAuthError("invalid_request", msg("apiAdmin.oauth.invalidJson"));
      }
    } else fields = Object.fromEntries(new URLSearchParams(text));
    const token = await issueAccessToken({ authorization: request.headers.get("authorization"), fields: fields ?? {} });
    return Response.json(token, { headers });
  } catch (error) {
    if (error instanceof OAuthError) {
      if (error.status === 401) headers.set("www-authenticate", 'Basic realm="proposal-desk"');
      if (error.status === 429) headers.set("retry-after", "1");
      return Response.json({ error: error.error, error_description: translate(locale, error.description) }, { status: error.status, headers });
    }
    logUnexpected(error, { route: "oauth/token" }, requestId);
    return Response.json({ error: "server_error", error_description: translate(locale, "apiAdmin.oauth.unexpected", { requestId }) }, { status: 500, headers });
  }
}
