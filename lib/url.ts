/** A path with query parameters, leaving out absent values ("" is kept: it can mean something). */
export function href(path: string, params: Record<string, string | number | null | undefined | (string | number)[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    search.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
