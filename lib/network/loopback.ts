import { isIP } from "node:net";

/** Strips the brackets of an IPv6 literal ("[::1]" -> "::1") and lowercases the name. */
export function bareHost(host: string): string {
  const h = host.trim().toLowerCase();
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

/**
 * Whether a bind address or host name only reaches this machine: localhost (and *.localhost),
 * 127.0.0.0/8, ::1 and IPv4-mapped ::ffff:127.x. "0.0.0.0", "::" and every other name are exposed.
 */
export function isLoopbackHost(host: string): boolean {
  const h = bareHost(host);
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || /^::ffff:127\./.test(h) || h === "0:0:0:0:0:0:0:1";
  return false;
}
