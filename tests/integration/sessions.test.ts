import { describe, expect, it } from "vitest";
import { createUserSession, revokeUserSession, activeSessionExpiry } from "@/lib/auth/user-session";
import { clientIp, PEER_HEADER } from "@/lib/http/client-ip";
import { db } from "@/lib/db";
import { makeFirm } from "../factories";

describe("server-side sessions", () => {
  it("have an absolute expiry of at most 12 hours that checks do not extend, and end when revoked", async () => {
    const { advisor } = await makeFirm();
    const session = await createUserSession(advisor.id, "10.1.2.3");
    const hours = (session.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const first = await activeSessionExpiry(session.id, advisor.id);
    const second = await activeSessionExpiry(session.id, advisor.id);
    expect(second!.getTime()).toBe(first!.getTime());
    expect(await activeSessionExpiry(session.id, "someone-else")).toBeNull();

    await db().userSession.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await activeSessionExpiry(session.id, advisor.id)).toBeNull();

    const other = await createUserSession(advisor.id, null);
    await revokeUserSession(other.id);
    expect(await activeSessionExpiry(other.id, advisor.id)).toBeNull();
    expect(await activeSessionExpiry(undefined, advisor.id)).toBeNull();
  });
});

describe("client address", () => {
  it("ignores X-Forwarded-For unless the peer is a trusted proxy", () => {
    const headers = (peer: string, forwarded?: string) => new Headers({ [PEER_HEADER]: peer, ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });
    // TRUSTED_PROXIES is empty in the tests: the header is ignored.
    expect(clientIp(headers("203.0.113.5", "1.2.3.4"))).toBe("203.0.113.5");
    expect(clientIp(headers("::ffff:203.0.113.5"))).toBe("203.0.113.5");
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4" }))).toBe("unknown");
  });
});
