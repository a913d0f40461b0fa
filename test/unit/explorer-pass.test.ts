import { describe, expect, it } from "vitest";
import { countedGenerations } from "@/lib/db/counted-scores";
import { countedJudgmentIds } from "@/lib/domain/scoring";
import { exportFilterSchema } from "@/lib/server/exports/export-filter";
import { answerSearchSql, filterSql, generationFilterSchema, usesScores } from "@/lib/server/generations/generation-filter";

const judgment = (id: number, metric: string, pass: number, failed = false) => ({ id, metric, pass, failed });

describe("the judgments an answer's counted scores came from", () => {
  const judgments = [
    judgment(1, "aligned", 0),
    judgment(2, "coherent", 0),
    judgment(3, "medical", 0),
    judgment(4, "aligned", 7),
    judgment(5, "aligned", 7, true),
    judgment(6, "coherent", 9, true),
    judgment(7, "label", -1),
  ];

  it("marks, per metric, the newest judgment without an error of the pass the score came from", () => {
    expect(countedJudgmentIds(judgments, { aligned: 7, coherent: 0 })).toEqual(new Set([4, 2]));
    expect(countedJudgmentIds(judgments, { aligned: 0, coherent: 0 })).toEqual(new Set([1, 2]));
    expect(countedJudgmentIds([...judgments, judgment(8, "aligned", 0)], { aligned: 0, coherent: 0 })).toEqual(new Set([8, 2]));
  });

  it("marks nothing for a metric whose pass has no judgment without an error, nor for other metrics", () => {
    expect(countedJudgmentIds(judgments, { aligned: 9, coherent: 9 })).toEqual(new Set());
  });
});

describe("the explorer's filter under a pass", () => {
  const filter = (params: Record<string, string>) => generationFilterSchema.parse(params);

  it("knows when rows or their order depend on the scores", () => {
    expect(usesScores(filter({}))).toBe(false);
    expect(usesScores(filter({ run: "3", condition: "trigger", q: "volcano", pass: "latest" }))).toBe(false);
    for (const params of [{ em: "misaligned" }, { sort: "aligned" }, { sort: "coherent" }, { nullScore: "aligned" }, { alignedMin: "0" }, { coherentMax: "90" }] as Record<string, string>[]) {
      expect(usesScores(filter(params)), JSON.stringify(params)).toBe(true);
    }
  });

  it("keeps the score conditions out of the base it narrows re-judged answers by", () => {
    const sql = filterSql(filter({ run: "3", em: "misaligned", alignedMax: "40", q: "50%" }));
    expect(sql.base).toBe(`g."runId" = ANY($1::int[]) AND ${answerSearchSql("$2")}`);
    expect(sql.where).toBe(`${sql.base} AND g.aligned <= $3 AND (g.coherent > 50 AND g.aligned IS NOT NULL AND g.aligned < 30)`);
    expect(sql.params).toEqual([[3], "%50\\%%", 40]);
    expect(filterSql(filter({ em: "counted" })).base).toBe("TRUE");
  });

  it("takes pass as the views do: a page falls back to latest, an export refuses a bad one", () => {
    expect(filter({ pass: "12" }).pass).toBe(12);
    expect(filter({ pass: "newest" }).pass).toBe("latest");
    expect(exportFilterSchema.parse({ pass: "0" }).pass).toBe(0);
    expect(exportFilterSchema.safeParse({ pass: "newest" }).error?.issues.map((i) => i.message)).toEqual(['pass is "latest", 0 or a re-judge id, got "newest"']);
  });

  it("puts only integer pass ids into the SQL", () => {
    expect(() => countedGenerations([{ scoring: -2, pass: 1.5, rank: 1 }], [], { plan: "overrides" })).toThrow(RangeError);
    const params: unknown[] = ["x"];
    const counted = countedGenerations([{ scoring: -2, pass: 4, rank: 4 }, { scoring: -2, pass: 6, rank: 6 }], params, { plan: "overrides" });
    expect(params).toEqual(["x", [-2, -2], [4, 6], [4, 6]]);
    expect(counted.with).toContain("$2::int[], $3::int[], $4::int[]");
    expect(counted.with).toContain("j.pass IN (4, 6)");
  });
});
