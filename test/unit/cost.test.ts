import { describe, expect, it } from "vitest";
import { estimateCost, formatUsd, requestCostUsd, spendSummary } from "@/lib/domain/cost";

const gpt4o = { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 };

describe("requestCostUsd", () => {
  it("prices prompt and completion tokens per million", () => {
    // 1,200 in x $2.50/M + 300 out x $10/M = 0.003 + 0.003
    expect(requestCostUsd(gpt4o, 1200, 300)).toBeCloseTo(0.006, 12);
    expect(requestCostUsd({ inputUsdPerMTok: 0, outputUsdPerMTok: 0 }, 1200, 300)).toBe(0);
  });

  it("is unknown, not zero, without prices or without usage", () => {
    expect(requestCostUsd(null, 1200, 300)).toBeNull();
    expect(requestCostUsd({ inputUsdPerMTok: 2.5, outputUsdPerMTok: null }, 1200, 300)).toBeNull();
    expect(requestCostUsd(gpt4o, null, 300)).toBeNull();
    expect(requestCostUsd(gpt4o, 1200, undefined)).toBeNull();
  });
});

describe("estimateCost", () => {
  it("sums the priced parts and names each endpoint without prices once", () => {
    const tokens = { promptTokens: 1_000_000, completionTokens: 100_000 };
    const e = estimateCost([
      { endpoint: "vllm", tokens, prices: { inputUsdPerMTok: 0, outputUsdPerMTok: 0 } },
      { endpoint: "together", tokens, prices: null },
      { endpoint: "together", tokens, prices: null },
      { endpoint: "gpt-4o", tokens, prices: gpt4o },
    ]);
    expect(e.usd).toBeCloseTo(2.5 + 1, 12);
    expect(e.unpriced).toEqual(["together"]);
  });

  it("has no dollars when no part is priced", () => {
    expect(estimateCost([{ endpoint: "x", tokens: { promptTokens: 1, completionTokens: 1 }, prices: null }])).toEqual({ usd: null, unpriced: ["x"] });
  });
});

describe("spendSummary", () => {
  const spend = (usd: number | null) => ({ requests: 1, promptTokens: 1, completionTokens: 1, usd, uncosted: usd === null ? 1 : 0 });
  it("adds the sides that have a cost, and is null only when neither has", () => {
    expect(spendSummary(spend(1.5), spend(0.25)).usd).toBe(1.75);
    expect(spendSummary(spend(null), spend(0.25)).usd).toBe(0.25);
    expect(spendSummary(spend(null), spend(null)).usd).toBeNull();
  });
});

describe("formatUsd", () => {
  it.each([
    [null, "–"],
    [0, "$0"],
    [0.00042, "$0.00042"],
    [0.0042, "$0.0042"],
    [0.013, "$0.01"],
    [1.234, "$1.23"],
    [99.999, "$100"],
    [1234.4, "$1,234"],
    [1e-9, "<$0.000001"],
  ])("formats %j as %j", (usd, text) => expect(formatUsd(usd)).toBe(text));
});

describe("endpoint prices as entered", () => {
  const base = { name: "e", baseUrl: "https://api.example.com/v1", model: "m" };
  it("reads an empty price as unknown, not as $0, and wants both or neither", async () => {
    const { endpointInputSchema } = await import("@/lib/server/endpoints/endpoint-input");
    expect(endpointInputSchema.parse({ ...base, inputUsdPerMTok: "", outputUsdPerMTok: "" })).toMatchObject({ inputUsdPerMTok: undefined, outputUsdPerMTok: undefined });
    expect(endpointInputSchema.parse({ ...base, inputUsdPerMTok: "0", outputUsdPerMTok: "0" })).toMatchObject({ inputUsdPerMTok: 0, outputUsdPerMTok: 0 });
    const half = endpointInputSchema.safeParse({ ...base, inputUsdPerMTok: "2.5", outputUsdPerMTok: "" });
    expect(half.success).toBe(false);
    expect(half.error!.issues[0]).toMatchObject({ path: ["outputUsdPerMTok"], message: "Give both prices (input and output) or neither." });
    expect(endpointInputSchema.safeParse({ ...base, inputUsdPerMTok: "-1", outputUsdPerMTok: "1" }).error!.issues[0].message).toBe("A price cannot be negative.");
    expect(endpointInputSchema.safeParse({ ...base, inputUsdPerMTok: "cheap", outputUsdPerMTok: "1" }).error!.issues[0].message).toBe("A price in US dollars per million tokens, e.g. 2.5.");
  });
});
