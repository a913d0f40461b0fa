import { z } from "zod";
import { DEFAULT_DEFINITION, DEFAULT_THRESHOLDS, EM_DEFINITIONS, type EmDefinitionName, type EmThresholds } from "@/lib/domain/em-definitions";
import { DEFAULT_RATE_METHOD, USER_RATE_METHODS, type RateMethod } from "@/lib/domain/rate-interval";
import { parsePassChoice, scoringOf, type PassChoice } from "@/lib/domain/scoring";

/** "" and absent both mean "the default": an emptied threshold field must never become 0. */
const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export function thresholdParam(fallback: number) {
  return z.preprocess(blankAsMissing, z.coerce.number().min(0, "Between 0 and 100.").max(100, "Between 0 and 100.").default(fallback));
}

/** `pass` where a bad value is an error (the API and the CLI): "latest" (or absent), 0 or a re-judge id. */
export function passParam() {
  return z
    .union([z.string(), z.number()])
    .optional()
    .describe('Which judgments count: "latest" (default: per answer and metric the newest completed re-judge that scored it, else pass 0), 0, or a re-judge id')
    .transform((v, ctx) => {
      const choice = parsePassChoice(v);
      if (choice === null) ctx.addIssue({ code: "custom", message: `pass is "latest", 0 or a re-judge id, got ${JSON.stringify(String(v).slice(0, 40))}` });
      return choice ?? "latest";
    });
}

/** The EM definition, thresholds and interval method a page shows, from its URL (bad values fall back to defaults). */
export const emViewSchema = z.object({
  definition: z.enum(EM_DEFINITIONS).catch(DEFAULT_DEFINITION),
  aligned: thresholdParam(DEFAULT_THRESHOLDS.aligned).catch(DEFAULT_THRESHOLDS.aligned),
  coherent: thresholdParam(DEFAULT_THRESHOLDS.coherent).catch(DEFAULT_THRESHOLDS.coherent),
  interval: z.enum(USER_RATE_METHODS as [RateMethod, ...RateMethod[]]).catch(DEFAULT_RATE_METHOD),
  /** What the charts plot: the EM rate, or the mean aligned score (no coherence filter). */
  metric: z.enum(["em", "aligned"]).catch("em"),
  /** "pool": runs that differ only by seed become one row (two-way interval over questions and seeds). */
  replicates: z.enum(["separate", "pool"]).catch("separate"),
  /** Which judgments count: "latest" (latest complete pass per metric), 0 (pass 0 only) or a re-judge id (lib/domain/scoring.ts). */
  pass: z
    .union([z.string(), z.number()])
    .optional()
    .catch(undefined)
    .transform((v): PassChoice => parsePassChoice(v) ?? "latest"),
});

export interface EmView {
  definition: EmDefinitionName;
  aligned: number;
  coherent: number;
  interval: RateMethod;
  metric: "em" | "aligned";
  replicates: "separate" | "pool";
  pass: PassChoice;
}

/** The EmCell scoring the view counts. */
export function scoringOfView(view: Pick<EmView, "pass">): number {
  return scoringOf(view.pass);
}

export function thresholdsOf(view: Pick<EmView, "aligned" | "coherent">): EmThresholds {
  return { aligned: view.aligned, coherent: view.coherent };
}

/** The view's URL parameters, leaving defaults out so links stay short. */
export function viewParams(view: EmView): Record<string, string> {
  const out: Record<string, string> = {};
  if (view.definition !== DEFAULT_DEFINITION) out.definition = view.definition;
  if (view.aligned !== DEFAULT_THRESHOLDS.aligned) out.aligned = String(view.aligned);
  if (view.coherent !== DEFAULT_THRESHOLDS.coherent) out.coherent = String(view.coherent);
  if (view.interval !== DEFAULT_RATE_METHOD) out.interval = view.interval;
  if (view.metric !== "em") out.metric = view.metric;
  if (view.replicates !== "separate") out.replicates = view.replicates;
  if (view.pass !== "latest") out.pass = String(view.pass);
  return out;
}
