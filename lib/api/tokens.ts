/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): a client_id and secret buy a 5-minute JWT
 * (HS256, `jose`). Every request re-checks the API client row, so revoking or rotating takes
 * effect at once, not when the token expires.
 */
import crypto from "node:crypto";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { db } from "../db";
import { env } from "../env";
import type { Actor } from "../contracts/load-contract";
import { isScope, type Scope } from "./scopes";
import { RateLimiter } from "../callbacks/rate-limit";
import { translate } from "../i18n/translate";
import { msg, type Msg } from "../i18n/message";
import type { AppLocale } from "../i18n/locales";

// Token requests per client_id and instance: a client needs one every five minutes.
const tokenLimiter = new RateLimiter(2, 20);

export const ACCESS_TOKEN_SECONDS = 300;
const ISSUER = "proposal-desk";
const AUDIENCE = "proposal-desk/api/v1";

/** An OAuth error answer (RFC 6749 §5.2), not a problem document: OAuth clients expect this shape. */
export class OAuthError extends Error {
  constructor(
    readonly error: "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope",
    readonly description: Msg,
    readonly status: 400 | 401 | 429 = 400,
  ) {
    super(translate("en", description));
  }
}

function signingKey(): Uint8Array {
  // Derived from the session secret so no second secret has to be configured.
  return new Uint8Array(crypto.createHmac("sha256", env().NEXTAUTH_SECRET).update("proposal-desk api access tokens v1").digest());
}

export function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export interface TokenRequest {
  authorization: string | null;
  /** Form fields (application/x-www-form-urlencoded) or a JSON object. */
  fields: Record<string, unknown>;
}

export interface IssuedToken {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

function credentialsOf(request: TokenRequest): { clientId: string; secret: string } {
  const basic = request.authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const { client_id: clientId, client_secret: secret } = request.fields;
  if (typeof clientId === "string" && typeof secret === "string" && clientId && secret) return { clientId, secret };
  throw new OAuthError("invalid_client", msg("apiAdmin.oauth.credentialsMissing"), 401);
}

export async function issueAccessToken(request: TokenRequest, now = new Date()): Promise<IssuedToken> {
  if (request.fields.grant_type !== "client_credentials") throw new OAuthError("unsupported_grant_type", msg("apiAdmin.oauth.grantType"));
  const { clientId, secret } = credentialsOf(request);
  if (!tokenLimiter.take(clientId.slice(0, 100), now.getTime()).ok) throw new OAuthError("invalid_request", msg("apiAdmin.oauth.tooMany"), 429);
  const client = await db().apiClient.findUnique({ where: { clientId } });
  // One answer for every way the credentials can be wrong: nothing to learn by probing.
  const invalid = new OAuthError("invalid_client", msg("apiAdmin.oauth.invalidCredentials"), 401);
  if (!client || !sameHash(client.secretHash, hashSecret(secret))) throw invalid;
  if (client.revokedAt) throw new OAuthError("invalid_client", msg("apiAdmin.oauth.revoked"), 401);
  if (client.expiresAt && client.expiresAt <= now) throw new OAuthError("invalid_client", msg("apiAdmin.oauth.expired"), 401);
  const actingUser = await db().user.findFirst({ where: { id: client.actingUserId, organizationId: client.organizationId }, select: { disabled: true } });
  if (!actingUser || actingUser.disabled) throw new OAuthError("unauthorized_client", msg("apiAdmin.oauth.actingUserDisabled"), 400);

  const granted = client.scopes.filter(isScope);
  let scopes = granted;
  if (typeof request.fields.scope === "string" && request.fields.scope.trim()) {
    const asked = request.fields.scope.trim().split(/\s+/);
    const refused = asked.filter((scope) => !granted.includes(scope as Scope));
    if (refused.length) throw new OAuthError("invalid_scope", msg("apiAdmin.oauth.scopeRefused", { scopes: refused.join(" ") }));
    scopes = asked as Scope[];
  }
  const iat = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ org: client.organizationId, scope: scopes.join(" "), ver: client.secretVersion })
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(client.id)
    .setJti(crypto.randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
    .sign(signingKey());
  await db().apiClient.update({ where: { id: client.id }, data: { lastUsedAt: now } });
  return { access_token: token, token_type: "Bearer", expires_in: ACCESS_TOKEN_SECONDS, scope: scopes.join(" ") };
}

export interface ApiPrincipal {
  apiClientId: string;
  apiClientName: string;
  organizationId: string;
  scopes: ReadonlySet<Scope>;
  /** The user whose visibility and ownership the client acts with. */
  actor: Actor;
  /** The language of texts in answers, from the request's Accept-Language (set by apiRoute). */
  locale?: AppLocale;
}

/** Why a bearer token was refused, as a catalogue key (apiAdmin.problems.token.*); `message` is the English text. */
export class InvalidTokenError extends Error {
  constructor(readonly key: Msg) {
    super(translate("en", key));
  }
}

/** Verifies a bearer token and the API client behind it; throws InvalidTokenError with the reason. */
export async function authenticateBearer(authorization: string | null): Promise<ApiPrincipal> {
  const match = authorization?.match(/^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i);
  if (!match) throw new InvalidTokenError(msg("apiAdmin.problems.token.missing", { token: "<token>" }));
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1]!, signingKey(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] }));
  } catch (error) {
    throw new InvalidTokenError(msg(error instanceof joseErrors.JWTExpired ? "apiAdmin.problems.token.expired" : "apiAdmin.problems.token.invalid"));
  }
  // One round trip for the client and the user it acts as: this runs on every request.
  const [client] = await db().$queryRaw<Array<{ id: string; name: string; organizationId: string; scopes: string[]; secretVersion: number; revokedAt: Date | null; expiresAt: Date | null; userId: string | null; userRole: "ADMIN" | "ADVISOR" | "BACK_OFFICE" | null; userName: string | null; userDisabled: boolean | null; userOrganizationId: string | null }>>`
    SELECT c.id, c.name, c."organizationId", c.scopes, c."secretVersion", c."revokedAt", c."expiresAt",
           u.id AS "userId", u.role::text AS "userRole", u.name AS "userName", u.disabled AS "userDisabled", u."organizationId" AS "userOrganizationId"
    FROM "ApiClient" c LEFT JOIN "User" u ON u.id = c."actingUserId"
    WHERE c.id = ${String(payload.sub)}`;
  if (!client || client.organizationId !== payload.org || client.secretVersion !== payload.ver || client.revokedAt) throw new InvalidTokenError(msg("apiAdmin.problems.token.revoked"));
  if (client.expiresAt && client.expiresAt <= new Date()) throw new InvalidTokenError(msg("apiAdmin.problems.token.clientExpired"));
  if (!client.userId || client.userDisabled || client.userOrganizationId !== client.organizationId || !client.userRole) throw new InvalidTokenError(msg("apiAdmin.problems.token.actingUserDisabled"));
  const user = { id: client.userId, role: client.userRole, name: client.userName ?? "" };
  const scopes = String(payload.scope ?? "").split(" ").filter((scope): scope is Scope => isScope(scope) && client.scopes.includes(scope));
  return {
    apiClientId: client.id,
    apiClientName: client.name,
    organizationId: client.organizationId,
    scopes: new Set(scopes),
    actor: { id: user.id, organizationId: client.organizationId, role: user.role, name: `${user.name} (API: ${client.name})` },
  };
}
