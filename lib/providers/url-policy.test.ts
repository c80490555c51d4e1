import { describe, expect, it } from "vitest";
import { allowsAddress, allowsUrl, type UrlPolicy } from "./url-policy";

const production: UrlPolicy = { requireHttps: true, allowLoopback: false, allowPrivateNetwork: false, portal: { hostname: "portal.example", port: "443" } };
const development: UrlPolicy = { requireHttps: false, allowLoopback: true, allowPrivateNetwork: false, portal: { hostname: "localhost", port: "3000" } };
const internal: UrlPolicy = { ...production, requireHttps: false, allowPrivateNetwork: true };

describe("provider address policy", () => {
  it.each([
    ["93.184.215.14", true, true, true],
    ["2606:2800:21f:cb07:6820:80da:af6b:8b2c", true, true, true],
    ["127.0.0.1", false, true, true],
    ["127.3.4.5", false, true, true],
    ["::1", false, true, true],
    ["10.1.2.3", false, false, true],
    ["172.16.0.1", false, false, true],
    ["172.32.0.1", true, true, true],
    ["192.168.0.10", false, false, true],
    ["100.64.0.1", false, false, true],
    ["0.0.0.0", false, false, true],
    ["fd12:3456::1", false, false, true],
    ["::ffff:10.0.0.1", false, false, true],
    ["::ffff:127.0.0.1", false, true, true],
    ["169.254.169.254", false, false, false],
    ["fe80::1", false, false, false],
    ["224.0.0.1", false, false, true],
    ["not-an-ip", false, false, false],
  ])("%s: production %s, development %s, private network allowed %s", (address, inProduction, inDevelopment, withPrivate) => {
    expect(allowsAddress(production, address)).toBe(inProduction);
    expect(allowsAddress(development, address)).toBe(inDevelopment);
    expect(allowsAddress(internal, address)).toBe(withPrivate);
  });

  it.each([
    ["https://api.provider.example", true, true],
    ["http://api.provider.example", false, true],
    ["ftp://api.provider.example", false, false],
    ["https://user:secret@api.provider.example", false, false],
    ["https://portal.example", false, true],
    ["https://portal.example:8443", true, true],
    // Plain HTTP is refused in production anyway; in development the portal's own port is refused under every name.
    ["http://localhost:3000", false, false],
    ["http://127.0.0.1:3000", false, false],
    ["http://[::1]:3000", false, false],
    ["http://127.0.0.1:4010", false, true],
  ])("%s: production %s, development %s", (url, inProduction, inDevelopment) => {
    expect(allowsUrl(production, new URL(url))).toBe(inProduction);
    expect(allowsUrl(development, new URL(url))).toBe(inDevelopment);
  });

  it("refuses the portal itself on its own port in production, over HTTPS and whatever the case of the host", () => {
    expect(allowsUrl(production, new URL("https://PORTAL.example/"))).toBe(false);
    expect(allowsUrl(production, new URL("https://portal.example:443/v1"))).toBe(false);
    expect(allowsUrl({ ...production, portal: { hostname: "localhost", port: "443" } }, new URL("https://127.0.0.1"))).toBe(false);
  });
});
