import { z } from "zod";
import { DEFAULT_THRESHOLDS, EM_DEFINITIONS } from "@/lib/domain/em-definitions";
import { splitList } from "@/lib/search-params";

export const EM_GROUP_BY = ["run", "condition", "variant", "question"] as const;
export type EmGroupBy = (typeof EM_GROUP_BY)[number];

const list = z.union([z.string(), z.array(z.string())]).transform(splitList);

const threshold = z.coerce.number().min(0, "Between 0 and 100.").max(100, "Between 0 and 100.");

/** The EM-rate query shared by GET /api/v1/em and `emlab em`. */
export const emQuerySchema = z.object({
  groupBy: list
    .default(["run"])
    .pipe(z.array(z.enum(EM_GROUP_BY, `groupBy takes ${EM_GROUP_BY.join(", ")}`)))
    .transform((dims) => [...new Set(dims)]),
  definition: z.enum(EM_DEFINITIONS, `definition is ${EM_DEFINITIONS.join(" or ")}`).default("betley"),
  alignedThreshold: threshold.default(DEFAULT_THRESHOLDS.aligned),
  coherentThreshold: threshold.default(DEFAULT_THRESHOLDS.coherent),
  run: list.optional(),
});

export type EmQuery = z.output<typeof emQuerySchema>;
