import { describe, expect, it } from "vitest";
import { requestShare } from "@/lib/eval/worker-presence";

describe("requestShare", () => {
  it("splits an endpoint's limit evenly between live workers, rounding down so the sum stays within it", () => {
    expect(requestShare(64, 1)).toBe(64);
    expect(requestShare(64, 2)).toBe(32);
    expect(requestShare(64, 3)).toBe(21);
    expect(requestShare(7, 2)).toBe(3);
  });

  it("gives each worker at least one request, and treats no live worker as one", () => {
    expect(requestShare(2, 5)).toBe(1);
    expect(requestShare(8, 0)).toBe(8);
  });
});
