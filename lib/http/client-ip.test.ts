import { describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER } from "./client-ip";

// This file's process trusts one proxy range (env() is read on first use, after this line).
// eslint-disable-next-line no-restricted-properties -- a test sets the configuration it checks
process.env.TRUSTED_PROXIES = "10.0.0.0/8,127.0.0.1";

const request = (peer: string, forwarded?: string) => new Headers({ [PEER_HEADER]: peer, ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });

describe("client address behind trusted proxies", () => {
  it("takes the nearest address that is not one of our proxies", () => {
    expect(clientIp(request("10.0.0.5", "203.0.113.9"))).toBe("203.0.113.9");
    // A client that sends its own X-Forwarded-For through the proxy: the proxy appends the real
    // address, and that is the one taken; the forged entries to its left are ignored.
    expect(clientIp(request("10.0.0.5", "1.1.1.1, 2.2.2.2, 203.0.113.9"))).toBe("203.0.113.9");
    expect(clientIp(request("127.0.0.1", "198.51.100.1, 10.0.0.7"))).toBe("198.51.100.1");
  });

  it("ignores the header from anyone else, and garbage in it", () => {
    expect(clientIp(request("198.51.100.20", "1.2.3.4"))).toBe("198.51.100.20");
    expect(clientIp(request("10.0.0.5", "not-an-ip"))).toBe("10.0.0.5");
  });
});
