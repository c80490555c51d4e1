/**
 * The client's IP address. The socket's peer address is put in PEER_HEADER by
 * lib/http/request-context.ts (overwriting anything a client sent). `X-Forwarded-For` is believed
 * only hop by hop through proxies listed in TRUSTED_PROXIES: a client that sets the header itself
 * gains nothing, and without trusted proxies the header is ignored.
 */
import net from "node:net";
import { env } from "../env";

export const PEER_HEADER = "x-proposal-desk-peer";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

let trusted: { list: net.BlockList; key: string } | undefined;

function trustedProxies(): net.BlockList {
  const entries = env().TRUSTED_PROXIES;
  const key = entries.join(",");
  if (trusted?.key === key) return trusted.list;
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/") as [string, string | undefined];
    const type = net.isIPv6(address) ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  trusted = { list, key };
  return list;
}

function normalize(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  return trimmed.startsWith("::ffff:") && net.isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

export function isTrustedProxy(address: string): boolean {
  const ip = normalize(address);
  const type = net.isIPv4(ip) ? "ipv4" : net.isIPv6(ip) ? "ipv6" : null;
  return type !== null && trustedProxies().check(ip, type);
}

/** The client address for throttling, rate limits and approval evidence; "unknown" outside a request. */
export function clientIp(headers: HeaderSource | undefined): string {
  const peer = read(headers, PEER_HEADER);
  if (!peer) return "unknown";
  let client = normalize(peer);
  if (!isTrustedProxy(client)) return client;
  const hops = (read(headers, "x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  // From the nearest hop outwards, stop at the first address that is not one of our proxies.
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!;
    if (!net.isIP(hop)) return client;
    client = hop;
    if (!isTrustedProxy(hop)) return hop;
  }
  return client;
}
