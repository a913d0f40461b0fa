/** A timestamp as "YYYY-MM-DD HH:MM" in UTC, as the pages and messages show them. */
export function utcMinute(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}
