import { BlockList, isIP } from "node:net";
import { bareHost } from "./loopback";

// Addresses that reach this machine or its private networks: an endpoint pointing there could
// read internal services (SSRF). Refused unless the operator allows private endpoints.
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3], // multicast and reserved, up to 255.255.255.255
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** IPv4 inside an IPv6 literal (::ffff:10.0.0.1, ::ffff:a00:1, 64:ff9b::10.0.0.1), or null. */
function embeddedIpv4(address: string): string | null {
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** Whether an IP address (v4 or v6, brackets allowed) is loopback, link-local, private or reserved. */
export function isPrivateAddress(address: string): boolean {
  const ip = bareHost(address).replace(/%.*$/, ""); // drop an IPv6 zone id
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, "ipv4");
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    return v4 !== null ? blocked.check(v4, "ipv4") : blocked.check(ip, "ipv6");
  }
  return false;
}

/** Whether a URL's host, as written, names this machine or a private network. */
export function isPrivateHostName(hostname: string): boolean {
  const h = bareHost(hostname);
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  return isIP(h) !== 0 && isPrivateAddress(h);
}

/** EMLAB_ALLOW_PRIVATE_ENDPOINTS=1: endpoints on this machine or the LAN (a local vLLM) are allowed. */
export function privateEndpointsAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.EMLAB_ALLOW_PRIVATE_ENDPOINTS === "1";
}
