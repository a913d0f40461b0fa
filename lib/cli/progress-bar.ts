import type { BatchView } from "./client";

export const FINAL_STATUSES = new Set(["completed", "failed", "cancelled"]);

/** 171 -> "2m51s", 3725 -> "1h02m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** `[#######.............]` for a percentage 0-100, `width` characters inside the brackets. */
export function bar(percent: number, width: number): string {
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
}

/**
 * One line of `emlab batch watch`: the bar, the percent, generations and judgments done of
 * their totals (failures when any), throughput and the estimated time left.
 */
export function progressLine(status: BatchView, width = 24): string {
  const { generation: g, judging: j } = status;
  const parts = [
    `batch ${status.id} ${status.status}`,
    `${bar(status.percent, width)} ${String(Math.round(status.percent)).padStart(3)}%`,
    `answers ${g.done + g.failed}/${g.total}${g.failed ? ` (${g.failed} failed)` : ""}`,
    `judged ${j.done + j.failed}/${j.total}${j.failed ? ` (${j.failed} failed)` : ""}`,
  ];
  if (!FINAL_STATUSES.has(status.status)) {
    if (status.throughput) parts.push(`${status.throughput.toFixed(1)}/s`);
    if (status.etaSeconds !== null) parts.push(`ETA ${formatDuration(status.etaSeconds)}`);
  } else if (status.elapsedSeconds !== null) {
    parts.push(`in ${formatDuration(status.elapsedSeconds)}`);
  }
  return parts.join("  ");
}
