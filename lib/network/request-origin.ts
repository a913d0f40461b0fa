// DNS rebinding and cross-site requests: a page on evil.example whose name is made to resolve to
// 127.0.0.1 sends Host: evil.example:3000 (and Origin: http://evil.example:3000), so comparing
// Origin with Host proves nothing. Every request's Host must be one of this dashboard's own
// origins, and a state-changing request's Origin, when sent, one of them exactly.

type Env = Record<string, string | undefined>;

/**
 * EMLAB_ORIGIN (comma-separated, e.g. https://emlab.lab.example) or, by default, the loopback
 * origins on PORT: http://localhost:PORT, http://127.0.0.1:PORT, http://[::1]:PORT.
 */
export function allowedOrigins(env: Env = process.env): string[] {
  const configured = (env.EMLAB_ORIGIN ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  if (configured.length) {
    return configured.map((o) => {
      try {
        return new URL(o).origin;
      } catch {
        throw new Error(`EMLAB_ORIGIN: "${o}" is not an origin such as https://emlab.example.org`);
      }
    });
  }
  const port = env.PORT || "3000";
  return ["localhost", "127.0.0.1", "[::1]"].map((h) => `http://${h}:${port}`);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOriginHeaders {
  method: string;
  host: string | null;
  forwardedHost: string | null;
  origin: string | null;
}

/** Why the request must be refused (a sentence), or null when it comes through this dashboard's own origin. */
export function originProblem(request: RequestOriginHeaders, env: Env = process.env): string | null {
  const origins = allowedOrigins(env);
  const hosts = new Set(origins.map((o) => new URL(o).host));
  for (const host of [request.host, request.forwardedHost]) {
    if (host !== null && !hosts.has(host.trim().toLowerCase())) {
      return `This dashboard answers only at ${origins.join(", ")} (set EMLAB_ORIGIN to serve it under another name).`;
    }
  }
  if (request.host === null) return "The request has no Host header.";
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (request.origin !== null && !origins.includes(request.origin.trim().toLowerCase())) return "Requests from other sites are refused.";
  return null;
}

export function originHeadersOf(request: Request): RequestOriginHeaders {
  const h = request.headers;
  return { method: request.method, host: h.get("host"), forwardedHost: h.get("x-forwarded-host"), origin: h.get("origin") };
}
