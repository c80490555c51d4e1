/**
 * Bearer JWT authentication (FINUM.md, "Authentication"): RS256 or ES256 signed by a registered
 * consumer key; `iss` is the consumer id, `aud` the sandbox's audience, `iat`/`exp` required,
 * lifetime at most 1 hour, 60 s clock skew. alg none and HS* never reach key selection.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { Queryable } from "../db/pool";
import { unauthorized } from "../http/errors";
import { getConsumer, keyAlgorithm, type Consumer } from "../consumers/registry";

const ACCEPTED_ALGORITHMS = new Set(["RS256", "ES256"]);
export const CLOCK_SKEW_SECONDS = 60;
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;

export interface Authenticated {
  consumer: Consumer;
  claims: JWTPayload;
}

const keyCache = new Map<string, KeyObject>();
function publicKey(pem: string): KeyObject {
  let key = keyCache.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    keyCache.set(pem, key);
  }
  return key;
}

export async function authenticate(db: Queryable, authorization: string | undefined, audience: string): Promise<Authenticated> {
  const match = /^Bearer\s+([A-Za-z0-9_\-.]+)$/i.exec(authorization ?? "");
  if (!match) throw unauthorized("Send Authorization: Bearer <JWT>");
  const token = match[1]!;

  let alg: string | undefined;
  let kid: string | undefined;
  let issuer: unknown;
  try {
    ({ alg, kid } = decodeProtectedHeader(token));
    issuer = decodeJwt(token).iss;
  } catch {
    throw unauthorized("The bearer token is not a JWT");
  }
  if (!alg || !ACCEPTED_ALGORITHMS.has(alg)) throw unauthorized(`Algorithm ${alg ?? "(none)"} is not accepted; use RS256 or ES256`);
  if (typeof issuer !== "string" || issuer === "") throw unauthorized("The token has no iss (consumer id)");

  const consumer = await getConsumer(db, issuer);
  if (!consumer) throw unauthorized("Unknown issuer");
  const candidates = consumer.publicKeys.filter((entry) => (kid === undefined ? true : entry.kid === kid));
  if (candidates.length === 0) throw unauthorized("Unknown key id (kid)");

  let lastError: unknown;
  for (const entry of candidates) {
    const key = publicKey(entry.pem);
    if (keyAlgorithm(key) !== alg) continue;
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [alg],
        audience,
        issuer,
        clockTolerance: CLOCK_SKEW_SECONDS,
        // maxTokenAge also rejects an iat further in the future than the clock tolerance.
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
        requiredClaims: ["iat", "exp"],
      });
      if (payload.exp! - payload.iat! > MAX_TOKEN_LIFETIME_SECONDS) throw unauthorized("Token lifetime (exp - iat) is more than 1 hour");
      return { consumer, claims: payload };
    } catch (error) {
      lastError = error;
      if (!(error instanceof joseErrors.JWSSignatureVerificationFailed)) break;
    }
  }
  throw toUnauthorized(lastError);
}

function toUnauthorized(error: unknown) {
  if (error instanceof joseErrors.JWTExpired) return unauthorized(error.claim === "iat" ? "Token too old (iat)" : "Token expired");
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === "iat" && error.reason === "check_failed") return unauthorized("Token issued in the future (iat)");
    return unauthorized(`Claim ${error.claim} is invalid (${error.reason})`);
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return unauthorized("Signature does not match any key of this consumer");
  if (error instanceof Error && "status" in error && (error as { status: number }).status === 401) return error;
  if (error === undefined) return unauthorized("No key of this consumer fits the algorithm");
  return unauthorized("Invalid token");
}
