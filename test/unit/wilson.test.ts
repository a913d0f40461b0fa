import { describe, expect, it } from "vitest";
import { rate, wilsonInterval, Z_95 } from "@/lib/domain/wilson";

// Wilson: center = (p + z²/2n) / (1 + z²/n), half = z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n),
// with z = 1.959963984540054, z² = 3.841458820694124.
describe("wilsonInterval", () => {
  it("k=0, n=10: low is exactly 0", () => {
    // z²/n = 0.3841459, denominator 1.3841459; center = 0.1920729/1.3841459 = 0.1387664;
    // half = 1.959964·sqrt(0 + 3.841459/400)/1.3841459 = 1.959964·0.0979982/1.3841459 = 0.1387664;
    // high = 0.2775328
    const interval = wilsonInterval(0, 10)!;
    expect(interval.low).toBe(0);
    expect(interval.high).toBeCloseTo(0.2775328, 6);
  });

  it("k=5, n=10: symmetric around 0.5", () => {
    // center = (0.5 + 0.1920729)/1.3841459 = 0.5;
    // half = 1.959964·sqrt(0.025 + 0.0096036)/1.3841459 = 1.959964·0.1860206/1.3841459 = 0.2634069
    const interval = wilsonInterval(5, 10)!;
    expect(interval.low).toBeCloseTo(0.2365931, 6);
    expect(interval.high).toBeCloseTo(0.7634069, 6);
  });

  it("k=1, n=100", () => {
    // z²/n = 0.0384146, denominator 1.0384146; center = (0.01 + 0.0192073)/1.0384146 = 0.0281268;
    // half = 1.959964·sqrt(0.000099 + 0.0000960365)/1.0384146 = 1.959964·0.0139655/1.0384146 = 0.0263594
    // -> [0.0017674, 0.0544862]
    const interval = wilsonInterval(1, 100)!;
    expect(interval.low).toBeCloseTo(0.0017674, 6);
    expect(interval.high).toBeCloseTo(0.0544862, 6);
  });

  it("k=n=10: high is exactly 1", () => {
    // mirror of k=0: center = 0.8612336, half = 0.1387664 -> low = 0.7224672
    const interval = wilsonInterval(10, 10)!;
    expect(interval.low).toBeCloseTo(0.7224672, 6);
    expect(interval.high).toBe(1);
  });

  it("k=3, n=20", () => {
    // p = 0.15, z²/n = 0.1920729, denominator 1.1920729; center = (0.15 + 0.0960365)/1.1920729 = 0.2063938;
    // half = 1.959964·sqrt(0.006375 + 0.0024009)/1.1920729 = 1.959964·0.0936798/1.1920729 = 0.1540251
    const interval = wilsonInterval(3, 20)!;
    expect(interval.low).toBeCloseTo(0.0523688, 6);
    expect(interval.high).toBeCloseTo(0.3604189, 6);
  });

  it("uses a custom z", () => {
    // z = 1, k=2, n=4: denominator 1.25; center = (0.5 + 0.125)/1.25 = 0.5;
    // half = sqrt(0.0625 + 0.015625)/1.25 = 0.2795085/1.25 = 0.2236068
    const interval = wilsonInterval(2, 4, 1)!;
    expect(interval.low).toBeCloseTo(0.2763932, 7);
    expect(interval.high).toBeCloseTo(0.7236068, 7);
  });

  it("defaults z to the 97.5% normal quantile", () => {
    expect(Z_95).toBe(1.959963984540054);
    expect(wilsonInterval(5, 10)).toEqual(wilsonInterval(5, 10, Z_95));
    expect(wilsonInterval(5, 10, 1)).not.toEqual(wilsonInterval(5, 10));
  });

  it("returns null when n = 0", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it.each([
    [-1, 10],
    [11, 10],
    [1.5, 10],
    [1, 10.5],
    [0, -1],
    [Number.NaN, 10],
  ])("rejects k=%s, n=%s", (k, n) => {
    expect(() => wilsonInterval(k, n)).toThrow(RangeError);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("rejects z=%s", (z) => {
    expect(() => wilsonInterval(1, 10, z)).toThrow(RangeError);
  });
});

describe("rate", () => {
  it("is k/n, or null when n = 0", () => {
    expect(rate(3, 12)).toBe(0.25); // 3/12
    expect(rate(0, 5)).toBe(0);
    expect(rate(5, 5)).toBe(1);
    expect(rate(0, 0)).toBeNull();
  });

  it("rejects invalid counts", () => {
    expect(() => rate(6, 5)).toThrow(RangeError);
    expect(() => rate(-1, 5)).toThrow(RangeError);
    expect(() => rate(0.5, 5)).toThrow(RangeError);
  });
});
