import "server-only";
import { z } from "zod";
import { refreshEmCells } from "@/lib/db/refresh-em-cells";
import { inTransaction } from "@/lib/db/pg-pool";
import { NotFoundError } from "@/lib/errors";

export const REJUDGE_COUNTINGS = ["auto", "primary", "excluded"] as const;

export const rejudgeCountingSchema = z.object({
  rejudgeId: z.coerce.number().int().positive(),
  counting: z.enum(REJUDGE_COUNTINGS, `counting is ${REJUDGE_COUNTINGS.join(", ")}`),
});

/**
 * Whether the default EM views count a re-judge (lib/domain/scoring.ts): auto, primary or
 * excluded. The cells it covers are rebuilt in the same transaction, so every view agrees at once.
 */
export async function setRejudgeCounting(input: z.output<typeof rejudgeCountingSchema>): Promise<{ rejudgeId: number; counting: string }> {
  return inTransaction(async (client) => {
    const { rowCount } = await client.query(`UPDATE "Rejudge" SET counting = $2::"RejudgeCounting" WHERE id = $1`, [input.rejudgeId, input.counting]);
    if (!rowCount) throw new NotFoundError(`Re-judge ${input.rejudgeId} does not exist.`);
    await refreshEmCells(client, { rejudgeId: input.rejudgeId });
    return { rejudgeId: input.rejudgeId, counting: input.counting };
  });
}
