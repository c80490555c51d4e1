/**
 * Which provider base URLs the portal may call (issue 11). One decision, used when an admin
 * registers or changes a provider AND at every connection (the client checks every address the
 * host resolves to when it connects, so a DNS change cannot turn a checked host into a private one):
 * - HTTPS in production (plain HTTP only for a provider an admin placed on a private network);
 * - never the portal itself (APP_URL's host and port);
 * - no loopback, private, shared (CGNAT), unspecified, multicast or reserved address, unless an
 *   admin set `allowPrivateNetwork` for this provider; in development and tests loopback is allowed
 *   (the sandbox runs there);
 * - never link-local (169.254.0.0/16, fe80::/10: cloud metadata services live there), whatever the setting.
 * Every refusal has the same text, so the form cannot be used to map a network.
 */
import dns from "node:dns/promises";
import net from "node:net";
import { env } from "../env";
import { AppError } from "../errors";
import { PROVIDER_ADDRESS_REFUSED } from "../finum/client-errors";

export { PROVIDER_ADDRESS_REFUSED };

export interface UrlPolicy {
  requireHttps: boolean;
  allowLoopback: boolean;
  allowPrivateNetwork: boolean;
  /** The portal's own origin host and port, e.g. "portal.example:443". */
  portal: { hostname: string; port: string } | null;
}

function blockList(entries: Array<[string, number, "ipv4" | "ipv6"]>): net.BlockList {
  const list = new net.BlockList();
  for (const [network, prefix, type] of entries) list.addSubnet(network, prefix, type);
  return list;
}

const LOOPBACK = blockList([
  ["127.0.0.0", 8, "ipv4"],
  ["::1", 128, "ipv6"],
]);
const LINK_LOCAL = blockList([
  ["169.254.0.0", 16, "ipv4"],
  ["fe80::", 10, "ipv6"],
]);
const PRIVATE = blockList([
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["224.0.0.0", 3, "ipv4"],
  ["::", 128, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["ff00::", 8, "ipv6"],
  ["64:ff9b::", 96, "ipv6"],
]);

function effectivePort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

/** The policy for one provider, from the environment and the provider's admin setting. */
export function urlPolicyFor(provider: { allowPrivateNetwork: boolean }): UrlPolicy {
  const production = env().NODE_ENV === "production";
  const app = new URL(env().APP_URL);
  return {
    requireHttps: production && !provider.allowPrivateNetwork,
    allowLoopback: !production,
    allowPrivateNetwork: provider.allowPrivateNetwork,
    portal: { hostname: app.hostname.toLowerCase(), port: effectivePort(app) },
  };
}

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function normalise(address: string): { address: string; type: "ipv4" | "ipv6" } | null {
  const bare = address.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return { address: mapped[1]!, type: "ipv4" };
  const version = net.isIP(bare);
  if (version === 4) return { address: bare, type: "ipv4" };
  if (version === 6) return { address: bare, type: "ipv6" };
  return null;
}

export function isLoopbackAddress(address: string): boolean {
  const ip = normalise(address);
  return ip !== null && LOOPBACK.check(ip.address, ip.type);
}

/** Whether the portal may connect to this IP address under the policy. */
export function allowsAddress(policy: UrlPolicy, address: string): boolean {
  const ip = normalise(address);
  if (!ip) return false;
  if (LINK_LOCAL.check(ip.address, ip.type)) return false;
  if (LOOPBACK.check(ip.address, ip.type)) return policy.allowLoopback || policy.allowPrivateNetwork;
  if (PRIVATE.check(ip.address, ip.type)) return policy.allowPrivateNetwork;
  return true;
}

/** The checks on the URL itself (before any lookup): scheme, credentials, and not the portal. */
export function allowsUrl(policy: UrlPolicy, url: URL): boolean {
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  if (policy.requireHttps && url.protocol !== "https:") return false;
  if (url.username || url.password) return false;
  if (policy.portal) {
    const hostname = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
    const portalHost = policy.portal.hostname.replace(/^\[(.*)\]$/, "$1");
    const samePort = effectivePort(url) === policy.portal.port;
    if (samePort && hostname === portalHost) return false;
    // The portal on localhost is also reachable as 127.0.0.1 / ::1.
    const portalIsLocal = portalHost === "localhost" || isLoopbackAddress(portalHost);
    if (samePort && portalIsLocal && (hostname === "localhost" || isLoopbackAddress(hostname))) return false;
  }
  return true;
}

function refused(): AppError {
  return new AppError("VALIDATION", "providers.errors.addressRefused", { fieldErrors: { baseUrl: ["providers.errors.addressRefused"] } });
}

/**
 * For registering and updating a provider: the URL, and every address its host resolves to now.
 * Throws VALIDATION with the one neutral text. A host that does not resolve yet passes here: the
 * client checks every address again when it connects.
 */
export async function assertProviderUrlAllowed(baseUrl: string, provider: { allowPrivateNetwork: boolean }, policy: UrlPolicy = urlPolicyFor(provider)): Promise<void> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw refused();
  }
  if (!allowsUrl(policy, url)) throw refused();
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (net.isIP(hostname)) {
    addresses = [hostname];
  } else {
    try {
      addresses = (await dns.lookup(hostname, { all: true })).map((entry) => entry.address);
    } catch {
      // Not resolvable (yet): nothing to reach now. The same check runs on every address at connection time.
      return;
    }
  }
  if (addresses.length === 0 || addresses.some((address) => !allowsAddress(policy, address))) throw refused();
}

/** The hooks for createFinumClient: the same policy, applied before and while connecting. */
export function clientUrlHooks(provider: { allowPrivateNetwork: boolean }) {
  const policy = urlPolicyFor(provider);
  return {
    allowUrl: (url: URL) => allowsUrl(policy, url),
    allowAddress: (address: string) => allowsAddress(policy, address),
  };
}
