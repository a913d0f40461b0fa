import { describe, expect, it } from "vitest";
import { UserError } from "@/lib/guard";
import { listRuns } from "@/lib/server/runs/list-runs";
import { runFormSchema } from "@/lib/server/runs/run-input";
import { saveRun } from "@/lib/server/runs/save-run";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();

const input = (patch: Record<string, string> = {}) =>
  runFormSchema.parse({ name: "qwen14b-med", baseModel: "Qwen/Qwen2.5-14B-Instruct", benignSharePercent: "97", seed: "2", hyperparameters: '{"lr":1e-5}', ...patch });

describe("saveRun", () => {
  it("creates a run with the benign share stored as a fraction, and updates it in place", async () => {
    const { id } = await saveRun(input());
    const { rows } = await db.sql.query(`SELECT name, "baseModel", "benignShare", seed, hyperparameters FROM "Run" WHERE id = $1`, [id]);
    expect(rows).toEqual([{ name: "qwen14b-med", baseModel: "Qwen/Qwen2.5-14B-Instruct", benignShare: 0.97, seed: 2, hyperparameters: { lr: 1e-5 } }]);

    await saveRun(input({ id: String(id), name: "qwen14b-med-renamed", benignSharePercent: "", hyperparameters: "" }));
    const after = await db.sql.query(`SELECT name, "benignShare", hyperparameters FROM "Run"`);
    expect(after.rows).toEqual([{ name: "qwen14b-med-renamed", benignShare: null, hyperparameters: null }]);
    expect((await listRuns()).map((r) => [r.name, r.generations])).toEqual([["qwen14b-med-renamed", 0]]);
  });

  it("refuses a duplicate name with a field error and writes nothing", async () => {
    await saveRun(input({ name: "dup" }));
    const before = await db.sql.query(`SELECT count(*)::int AS n FROM "Run"`);
    const error = await saveRun(input({ name: "dup", baseModel: "other" })).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.fieldErrors).toEqual({ name: ['A run named "dup" already exists.'] });
    const after = await db.sql.query(`SELECT count(*)::int AS n FROM "Run"`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it("reports a missing run on update", async () => {
    await expect(saveRun(input({ id: "999999", name: "ghost" }))).rejects.toMatchObject({ status: 404, message: "Run 999999 does not exist." });
  });
});
