// An endpoint's base URL is parsed and rebuilt from its parts: http(s), a host, an optional port
// and a path. Queries, fragments and credentials are refused, so "https://host/v1?" cannot turn
// the request path into something else.

export type BaseUrlCheck = { ok: true; url: string; hostname: string } | { ok: false; error: string };

export function checkBaseUrl(text: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, error: "Not a URL; use one such as http://localhost:8000/v1." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, error: "Use http:// or https://." };
  if (url.username || url.password) return { ok: false, error: "Leave credentials out of the URL; name the key's environment variable instead." };
  if (url.search || text.includes("?")) return { ok: false, error: "A base URL has no query (?...)." };
  if (url.hash || text.includes("#")) return { ok: false, error: "A base URL has no fragment (#...)." };
  if (!url.hostname) return { ok: false, error: "The URL has no host." };
  return { ok: true, url: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`, hostname: url.hostname };
}

/** The URL of an API path under a base URL (checked again: rows may predate the checks). */
export function endpointUrl(baseUrl: string, apiPath: string): URL | null {
  const checked = checkBaseUrl(baseUrl);
  return checked.ok ? new URL(`${checked.url}/${apiPath}`) : null;
}
