import { describe, expect, it } from "vitest";
import { z } from "zod";
import { batchInputSchema } from "@/lib/server/batches/batch-input";

const valid = { runs: [1], questionSet: 1, judge: { endpoint: 1 } };
const messages = (input: unknown) => {
  const result = batchInputSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("batch input messages name the field and what is expected", () => {
  it("accepts a minimal launch", () => {
    expect(batchInputSchema.parse(valid)).toMatchObject({ samplesPerParaphrase: 1, maxTokens: 600 });
  });
  it("numbers", () => {
    expect(messages({ ...valid, samplesPerParaphrase: 0 })).toEqual({ samplesPerParaphrase: "Samples per paraphrase must be at least 1." });
    expect(messages({ ...valid, samplesPerParaphrase: 2.5 })).toEqual({ samplesPerParaphrase: "Samples per paraphrase must be a whole number." });
    expect(messages({ ...valid, samplesPerParaphrase: "many" })).toEqual({ samplesPerParaphrase: "Samples per paraphrase must be a whole number from 1 to 10,000." });
    expect(messages({ ...valid, temperature: 3 })).toEqual({ temperature: "Temperature must be at most 2." });
    expect(messages({ ...valid, topP: 0 })).toEqual({ topP: "top_p must be above 0." });
  });
  it("references", () => {
    expect(messages({ ...valid, questionSet: -1 })).toEqual({ questionSet: "Choose the question set (an id or a name)." });
    expect(messages({ ...valid, judge: {} })).toEqual({ "judge.endpoint": "Choose the judge endpoint (an id or a name)." });
  });
  it("a rephrasing's error sits on the rephrasing, not on the placement", () => {
    expect(messages({ ...valid, conditions: { rephrased: [{ label: "", text: "x" }] } })).toEqual({ "conditions.rephrased.0.label": "A rephrasing needs a label." });
  });
  it("never says 'Invalid input' or 'Too small'", () => {
    for (const bad of [{ ...valid, runs: [0] }, { ...valid, maxTokens: -1 }, { ...valid, judge: { endpoint: "" } }, { ...valid, maxAttempts: 99 }]) {
      for (const m of Object.values(messages(bad))) expect(m).not.toMatch(/Invalid input|Too small|Too big|expected/);
    }
  });
});
void z;
