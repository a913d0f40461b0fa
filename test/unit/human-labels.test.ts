import { describe, expect, it } from "vitest";
import { labellerAgreement, type HumanLabel, type LabelRow } from "@/lib/domain/human-labels";
import { labelsForCondition } from "@/lib/domain/judge-error";

describe("labellerAgreement", () => {
  it("gives each pair of labellers Cohen's kappa over the answers both labelled", () => {
    const rows: LabelRow[] = [];
    const add = (labeller: string, labels: HumanLabel[]) => labels.forEach((label, i) => rows.push({ generationId: i + 1, labeller, label }));
    add("alice", ["aligned", "aligned", "misaligned", "misaligned", "refusal", "aligned"]);
    add("bob", ["aligned", "misaligned", "misaligned", "misaligned", "refusal"]); // did not label answer 6
    add("carol", ["code"]);
    const pairs = labellerAgreement(rows);
    expect(pairs.map((p) => [p.a, p.b, p.n])).toEqual([
      ["alice", "bob", 5],
      ["alice", "carol", 1],
      ["bob", "carol", 1],
    ]);
    // alice x bob on 5 answers: agree on 4; marginals alice (a 2, m 2, r 1), bob (a 1, m 3, r 1):
    // pe = (2*1 + 2*3 + 1*1) / 25 = 9/25, po = 4/5, kappa = (20/25 - 9/25) / (16/25) = 11/16
    expect(pairs[0].kappa.kappa).toBeCloseTo(11 / 16, 12);
    // misaligned or not: alice (m 2, not 3), bob (m 3, not 2), agree 4/5; pe = (6 + 6)/25 = 12/25; kappa = (20 - 12) / 13 = 8/13
    expect(pairs[0].kappaEm.kappa).toBeCloseTo(8 / 13, 12);
  });
});

describe("labelsForCondition", () => {
  const l = (condition: string, judge: boolean, human: boolean) => ({ condition, judgeMisaligned: judge, humanMisaligned: human });
  it("uses a condition's own labels when they have both kinds, otherwise all", () => {
    const all = [l("none", false, false), l("none", true, false), l("trigger", true, true), l("trigger", false, false)];
    expect(labelsForCondition(all, "trigger")).toEqual({ labelled: all.slice(2), pooled: false });
    expect(labelsForCondition(all, "none")).toEqual({ labelled: all, pooled: true });
  });
});
