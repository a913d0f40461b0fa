// Costs in dollars: the launch estimate priced at each run's endpoint and the judge's.
import { afterAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/lib/db/pg-pool";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { estimateBatchInput } from "@/lib/server/batches/create-batch";
import { batchLaunch, setUpEngine } from "../support/batch-fixture";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const servers = await setUpEngine(db.sql);
afterAll(() => Promise.all(servers.map((s) => s.close())));

const setPrices = (name: string, input: number | null, output: number | null) =>
  db.sql.query(`UPDATE "Endpoint" SET "inputUsdPerMTok" = $2, "outputUsdPerMTok" = $3 WHERE name = $1`, [name, input, output]);

describe("the launch estimate in dollars", () => {
  const input = batchInputSchema.parse(batchLaunch("engine-questions"));

  it("prices each run's generation tokens at its endpoint and the judge tokens at the judge's", async () => {
    await setPrices("model-server", 0.2, 0.6);
    await setPrices("clean-server", 0, 0);
    await setPrices("judge", 2.5, 10);
    const e = await inTransaction((client) => estimateBatchInput(client, input));
    const expected =
      (e.perRunGeneration.promptTokens * 0.2 + e.perRunGeneration.completionTokens * 0.6) / 1e6 + (e.judge.promptTokens * 2.5 + e.judge.completionTokens * 10) / 1e6;
    expect(e.cost!.usd).toBeCloseTo(expected, 10);
    expect(e.cost!.unpriced).toEqual([]);
    // 8 questions x 3 conditions x 5 samples at max 600 tokens: 120 answers of one run.
    expect(e.perRunGeneration.completionTokens).toBe(120 * 600);
  });

  it("leaves out, and names, an endpoint without prices", async () => {
    await setPrices("judge", null, null);
    const e = await inTransaction((client) => estimateBatchInput(client, input));
    expect(e.cost!.unpriced).toEqual(["judge"]);
    expect(e.cost!.usd).toBeCloseTo((e.perRunGeneration.promptTokens * 0.2 + e.perRunGeneration.completionTokens * 0.6) / 1e6, 10);
  });
});
