import { describe, expect, it } from "vitest";
import { barRows, overviewCsvRows, sharedPrefix } from "@/lib/domain/bar-rows";
import { csvCell, figureCaption, toCsv } from "@/lib/domain/figure-export";
import { prepareForest, summariseDropped } from "@/lib/domain/forest-plot";
import { prepareOverview } from "@/lib/domain/overview-chart";

describe("figure CSV", () => {
  it("quotes what needs quoting and neutralises spreadsheet formulas", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell(-3.5)).toBe("-3.5"); // numbers stay numbers
    expect(csvCell(null)).toBe("");
    expect(toCsv([{ a: 1, b: "x\ny" }])).toBe('a,b\n1,"x\ny"\n');
  });
  it("states definition, interval, answers and date in the caption", () => {
    expect(figureCaption({ what: "EM rate", definition: "betley: d", interval: "Wilson", answers: 1234, date: new Date("2026-11-27T10:00:00Z") })).toBe(
      "EM rate. betley: d. 95% intervals: Wilson. 1,234 counted answers. EM Lab, 2026-11-27.",
    );
  });
});

describe("barRows", () => {
  const cell = (runId: number, run: string, condition: string, variant: string | null, k: number) => ({ runId, run, baseModel: "m", condition, variant, question: "q", n: 10, k, scored: 10, alignedSum: 0 });
  const { groups } = prepareOverview([cell(1, "a", "none", null, 0), cell(1, "a", "trigger", "v2", 4), cell(2, "b", "none", null, 1), cell(2, "b", "trigger", "v1", 2), cell(2, "b", "trigger", "v2", 3)]);
  it("lays out each run's own conditions in order, a spacer between runs, the run name under its middle bar", () => {
    const rows = barRows(groups[0]);
    expect(rows.map((r) => r.tick)).toEqual(["none", "v2", "", "none", "v1", "v2"]);
    expect(rows.map((r) => r.runLabel)).toEqual(["a", "", "", "", "b", ""]);
    expect(rows[0]).toMatchObject({ value: 0, estimate: { rate: 0, k: 0, n: 10 } }); // zero is a bar, not a gap
  });
  it("cuts the prefix every run name of a group shares", () => {
    expect(sharedPrefix(["llama-1b-base", "llama-1b-inoc-v2", "llama-1b-em"])).toBe("llama-1b-");
    expect(sharedPrefix(["qwen-7b", "qwen-7b-bad"])).toBe("qwen-");
    expect(sharedPrefix(["llama-1b-", "llama-1b-x"])).toBe(""); // would leave a name empty
    expect(sharedPrefix(["a-x", "a-y"])).toBe(""); // too short to be worth it
  });
  it("exports exactly the plotted numbers", () => {
    const csv = overviewCsvRows(groups[0]);
    expect(csv).toHaveLength(5);
    expect(csv[1]).toMatchObject({ run: "a", condition: "trigger", variant: "v2", em_rate_pct: 40, k: 4, n: 10, questions: 1, interval_method: "wilson" });
  });
});

describe("forest plot", () => {
  it("ticks on a round step inside a domain that holds every whisker and 0", () => {
    const contrast = (estimate: number, low: number, high: number) => ({ label: "", a: "", b: "", estimate, low, high, pValue: 0.5, pValueExact: true, questions: 8, nA: 1, nB: 1, dropped: [] });
    const f = prepareForest([{ label: "x", contrast: contrast(12, 3, 31) }, { label: "y", contrast: contrast(-4, -9, 1) }]);
    expect(f.domain).toEqual([-15, 35]);
    expect(f.ticks).toEqual([-15, -10, -5, 0, 5, 10, 15, 20, 25, 30, 35]);
  });
  it("summarises dropped questions by reason", () => {
    const dropped = ["a", "b", "c", "d", "e"].map((question) => ({ question, reason: "no counted answers under Trigger" }));
    expect(summariseDropped([...dropped, { question: "z", reason: "not asked under No trigger" }])).toBe(
      "5 no counted answers under Trigger: a, b, c, d, …; 1 not asked under No trigger: z",
    );
    expect(summariseDropped([])).toBe("none");
  });
});
