import { describe, expect, it } from "vitest";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { importFieldsSchema } from "@/lib/server/imports/import-fields";

const launch = { runs: ["r"], questionSet: "s", conditions: {}, judge: { endpoint: "j" } };
const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("request fields are bounded, so nothing huge is stored or echoed back", () => {
  it("a launch", () => {
    expect(batchInputSchema.safeParse(launch).success).toBe(true);
    expect(issuesOf(batchInputSchema.safeParse({ ...launch, runs: ["x".repeat(1_000_000)] }))).toEqual(["runs.0: At most 500 characters."]);
    expect(issuesOf(batchInputSchema.safeParse({ ...launch, runs: Array.from({ length: 1001 }, (_, i) => i + 1) }))).toEqual(["runs: At most 1,000 runs in one batch."]);
    expect(issuesOf(batchInputSchema.safeParse({ ...launch, conditions: { trigger: "t".repeat(20_001) } }))).toEqual(["conditions.trigger: At most 20,000 characters."]);
    const many = Array.from({ length: 101 }, (_, i) => ({ label: `l${i}`, text: "t" }));
    expect(issuesOf(batchInputSchema.safeParse({ ...launch, conditions: { rephrased: many } }))).toEqual(["conditions.rephrased: At most 100 rephrasings."]);
    expect(batchInputSchema.safeParse({ ...launch, judge: { endpoint: "j", metrics: Array.from({ length: 65 }, (_, i) => `m${i}`) } }).success).toBe(false);
  });

  it("an endpoint and an upload's fields", () => {
    expect(issuesOf(endpointInputSchema.safeParse({ name: "e", baseUrl: "https://api.example.com/v1", model: "m".repeat(501) }))).toEqual(["model: At most 500 characters."]);
    expect(issuesOf(importFieldsSchema.safeParse({ run: "r".repeat(501) }))).toEqual(["run: At most 500 characters."]);
  });
});
