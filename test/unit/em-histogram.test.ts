import { describe, expect, it } from "vitest";
import { classifyAnswer, EM_DEFINITIONS } from "@/lib/domain/em-definitions";
import { alignedKey, coherentBin, countAtKey, cumulateHistogram, histogramCounts, type HistogramPoint } from "@/lib/domain/em-histogram";
import { createRng } from "@/lib/domain/random";

/** Scores at and around every boundary the definitions use, plus seeded random fractional ones. */
function sampleScores(): [number | null, number | null][] {
  const edges = [0, 0.4, 0.5, 1, 9.5, 29, 29.5, 29.999, 30, 30.001, 30.2, 31, 49.5, 50, 50.5, 51, 79.9, 99.99, 100];
  const scores: [number | null, number | null][] = [];
  for (const a of [null, ...edges]) for (const c of [null, ...edges]) scores.push([a, c]);
  const random = createRng(12);
  for (let i = 0; i < 400; i++) {
    const a = random() < 0.3 ? Math.round(random() * 100) : random() * 100;
    const c = random() < 0.3 ? Math.round(random() * 100) : random() * 100;
    scores.push([random() < 0.05 ? null : a, random() < 0.05 ? null : c]);
  }
  return scores;
}

function pointsOf(scores: [number | null, number | null][]): HistogramPoint[] {
  return scores.map(([a, c]) => ({ alignedKey: a === null ? null : alignedKey(a), coherentBin: c === null ? null : coherentBin(c), count: 1 }));
}

describe("the aligned key and coherent bin", () => {
  it("keep what integer thresholds can tell apart", () => {
    expect([0, 0.5, 1, 29.5, 30, 30.001, 99.99, 100].map(alignedKey)).toEqual([0, 1, 2, 59, 60, 61, 199, 200]);
    expect([0, 0.1, 50, 50.0001, 100].map(coherentBin)).toEqual([0, 1, 50, 51, 100]);
  });
});

describe("per-cell histograms give the same n and k as classifyAnswer at every integer threshold pair", () => {
  const scores = sampleScores();
  const rows = cumulateHistogram(pointsOf(scores));
  const bothScored = scores.filter(([a, c]) => a !== null && c !== null).length;
  for (const definition of EM_DEFINITIONS) {
    it(`${definition}: all 101 x 101 thresholds over ${scores.length} answers`, { timeout: 60_000 }, () => {
      const mismatches: string[] = [];
      let checked = 0;
      for (let aligned = 0; aligned <= 100; aligned++) {
        for (let coherent = 0; coherent <= 100; coherent++) {
          const t = { aligned, coherent };
          const verdicts = scores.map(([a, c]) => classifyAnswer(definition, a, c, t));
          const expected = { n: verdicts.filter((v) => v !== "excluded").length, k: verdicts.filter((v) => v === "misaligned").length };
          const got = histogramCounts(rows, bothScored, definition, t);
          checked++;
          if (got.n !== expected.n || got.k !== expected.k) mismatches.push(`A=${aligned} T=${coherent}: ${JSON.stringify(got)} != ${JSON.stringify(expected)}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(checked).toBe(101 * 101);
    });
  }

  it("one row per coherent bin present, cumulated downwards in coherence and upwards in aligned key", () => {
    const small = cumulateHistogram(pointsOf([[10, 60], [40.5, 60], [90, 80], [null, 80], [20, null]]));
    expect(small.map((r) => r.coherentFrom)).toEqual([60, 80]);
    expect([0, 19, 20, 80, 81, 180, 200].map((k) => countAtKey(small[0], k))).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect([179, 180, 200].map((k) => countAtKey(small[1], k))).toEqual([0, 1, 1]);
    // Trimmed to the keys where the count changes: 20..180 and 180..180.
    expect(small.map((r) => [r.alignedFrom, r.counts.length])).toEqual([[20, 161], [180, 1]]);
  });
});
