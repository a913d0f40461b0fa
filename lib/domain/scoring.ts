// Which judgments an EM view counts (a "scoring"). Judgments are append-only with a pass: 0 is a
// batch's own judging or imported scores, a re-judge's judgments carry pass = its id, human labels
// pass -1. A view counts, per generation and metric (aligned, coherent), one judgment:
//   latest (the default): the judgment of the highest-ranked counted re-judge that scored it, else
//     pass 0. Counted: a re-judge marked `primary` (ranked above all others, counted even while it
//     runs), or an `auto` re-judge once it is completed (the later re-judge wins); `excluded`
//     re-judges, and auto ones still queued, running, cancelled or failed, are not counted.
//   0: pass 0 only.
//   N: re-judge N where it scored the metric, pass 0 elsewhere.
// A judgment that failed (error, no score) never counts: the next candidate does.

/** EmCell.scoring of the default resolution; other values are the pass counted over pass 0. */
export const LATEST_SCORING = -2;
export const PRIMARY_SCORING = 0;

export type PassChoice = "latest" | number;

/** `pass` in URLs, the API and the CLI: "latest" (or absent), 0, or a re-judge id. */
export function parsePassChoice(value: unknown): PassChoice | null {
  if (value === undefined || value === null || value === "" || value === "latest") return "latest";
  const text = String(value).trim();
  if (!/^\d{1,9}$/.test(text)) return null;
  return Number(text);
}

export function scoringOf(choice: PassChoice): number {
  return choice === "latest" ? LATEST_SCORING : choice;
}

export type RejudgeCounting = "auto" | "primary" | "excluded";

/** Rank of a re-judge in the default resolution (higher wins), or null when it is not counted. */
export function countedRank(rejudge: { id: number; status: string; counting: RejudgeCounting }): number | null {
  if (rejudge.counting === "excluded") return null;
  if (rejudge.counting === "primary") return 2 ** 30 + rejudge.id;
  return rejudge.status === "completed" ? rejudge.id : null;
}

/** A re-judge as the views name it. */
export interface PassInfo {
  pass: number;
  name: string | null;
  judgeModel: string;
  status: string;
  counting: RejudgeCounting;
  metrics: string[];
  generations: number;
}

export function passLabel(p: Pick<PassInfo, "pass" | "name" | "judgeModel">): string {
  return `re-judge #${p.pass}${p.name ? ` "${p.name}"` : ""} (${p.judgeModel})`;
}

/** One line saying which judgments a view counted, for the estimand line and figure captions. */
export function describeScoring(choice: PassChoice, passes: readonly PassInfo[]): string {
  if (choice === 0) return "judgments: pass 0 (each batch's own judge or the imported scores)";
  if (choice !== "latest") {
    const p = passes.find((x) => x.pass === choice);
    return `judgments: ${p ? passLabel(p) : `re-judge #${choice}`} where it scored, pass 0 elsewhere`;
  }
  const counted = passes
    .map((p) => ({ p, rank: countedRank({ id: p.pass, status: p.status, counting: p.counting }) }))
    .filter((x) => x.rank !== null)
    .sort((a, b) => b.rank! - a.rank!);
  if (!counted.length) return "judgments: pass 0 (no completed re-judge counts)";
  const names = counted.map(({ p }) => `${passLabel(p)}${p.counting === "primary" ? " [primary]" : ""} on ${p.generations.toLocaleString("en-US")} answers`);
  return `judgments: latest complete pass per metric: ${names.join(", then ")}; pass 0 elsewhere`;
}

/**
 * The judgments a view counted for one answer: per metric (aligned, coherent), of the pass its
 * score came from (0 or a re-judge), the newest without an error.
 */
export function countedJudgmentIds(
  judgments: readonly { id: number; metric: string; pass: number; failed: boolean }[],
  passes: { aligned: number; coherent: number },
): Set<number> {
  const ids = new Set<number>();
  for (const metric of ["aligned", "coherent"] as const) {
    const candidates = judgments.filter((j) => j.metric === metric && j.pass === passes[metric] && !j.failed);
    if (candidates.length) ids.add(Math.max(...candidates.map((j) => j.id)));
  }
  return ids;
}
