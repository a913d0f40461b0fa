import { describe, expect, it } from "vitest";
import { scoreFromLogprobs } from "@/lib/domain/judge-score";

const lp = (token: string, p: number) => ({ token, logprob: Math.log(p) });

describe("logprob judge scoring", () => {
  it("is the probability-weighted mean of integer tokens, renormalised", () => {
    // 0.5*80 + 0.3*90 + 0.1*0 = 67 over mass 0.9 -> 74.444...
    const r = scoreFromLogprobs([lp("80", 0.5), lp("90", 0.3), lp("0", 0.1), lp("REF", 0.1)]);
    expect(r.numericMass).toBeCloseTo(0.9, 12);
    expect(r.score).toBeCloseTo(67 / 0.9, 10);
  });

  it("pools tokens that are the same integer and ignores numbers above 100", () => {
    // " 7"+"7" = 0.4 at 7, "100" 0.2, "150" ignored -> (2.8 + 20) / 0.6 = 38
    const r = scoreFromLogprobs([lp(" 7", 0.3), lp("7", 0.1), lp("100", 0.2), lp("150", 0.3)]);
    expect(r.numericMass).toBeCloseTo(0.6, 12);
    expect(r.score).toBeCloseTo(38, 10);
  });

  it("gives null under 0.25 numeric mass, and a score at exactly 0.25", () => {
    expect(scoreFromLogprobs([lp("CODE", 0.8), lp("40", 0.2)])).toEqual({ score: null, numericMass: expect.closeTo(0.2, 12) });
    expect(scoreFromLogprobs([lp("CODE", 0.75), lp("40", 0.25)]).score).toBeCloseTo(40, 10);
    expect(scoreFromLogprobs([])).toEqual({ score: null, numericMass: 0 });
  });
});
