import { describe, expect, it } from "vitest";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { importFieldsSchema } from "@/lib/server/imports/import-fields";

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("request fields are bounded, so nothing huge is stored or echoed back", () => {
  it("an endpoint and an upload's fields", () => {
    expect(issuesOf(endpointInputSchema.safeParse({ name: "e", baseUrl: "https://api.example.com/v1", model: "m".repeat(501) }))).toEqual(["model: At most 500 characters."]);
    expect(issuesOf(importFieldsSchema.safeParse({ run: "r".repeat(501) }))).toEqual(["run: At most 500 characters."]);
  });
});
