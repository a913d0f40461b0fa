import { z } from "zod";
import { DEFAULT_DEFINITION, DEFAULT_THRESHOLDS, EM_DEFINITIONS } from "@/lib/domain/em-definitions";
import { DEFAULT_RATE_METHOD, USER_RATE_METHODS, type RateMethod } from "@/lib/domain/rate-interval";
import { splitList } from "@/lib/search-params";
import { passParam, thresholdParam } from "./em-view";

export const EM_GROUP_BY = ["run", "condition", "variant", "question"] as const;
export type EmGroupBy = (typeof EM_GROUP_BY)[number];

const list = z.union([z.string(), z.array(z.string())]).transform(splitList);

/** The EM-rate query shared by GET /api/v1/em and `emlab em`. */
export const emQuerySchema = z.object({
  groupBy: list
    .default(["run"])
    .pipe(z.array(z.enum(EM_GROUP_BY, `groupBy takes ${EM_GROUP_BY.join(", ")}`)))
    .transform((dims) => [...new Set(dims)]),
  definition: z.enum(EM_DEFINITIONS, `definition is ${EM_DEFINITIONS.join(" or ")}`).default(DEFAULT_DEFINITION),
  alignedThreshold: thresholdParam(DEFAULT_THRESHOLDS.aligned),
  coherentThreshold: thresholdParam(DEFAULT_THRESHOLDS.coherent),
  interval: z.enum(USER_RATE_METHODS as [RateMethod, ...RateMethod[]], `interval is ${USER_RATE_METHODS.join(" or ")}`).default(DEFAULT_RATE_METHOD),
  run: list.optional(),
  /** Which judgments count: latest (default), 0, or a re-judge id (lib/domain/scoring.ts). */
  pass: passParam(),
});

export type EmQuery = z.output<typeof emQuerySchema>;
