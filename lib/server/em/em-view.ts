import { z } from "zod";
import { DEFAULT_THRESHOLDS, EM_DEFINITIONS, type EmDefinitionName, type EmThresholds } from "@/lib/domain/em-definitions";

/** The EM definition and thresholds a page shows, from its URL (bad values fall back to defaults). */
export const emViewSchema = z.object({
  definition: z.enum(EM_DEFINITIONS).catch("betley"),
  aligned: z.coerce.number().min(0).max(100).catch(DEFAULT_THRESHOLDS.aligned),
  coherent: z.coerce.number().min(0).max(100).catch(DEFAULT_THRESHOLDS.coherent),
});

export interface EmView {
  definition: EmDefinitionName;
  aligned: number;
  coherent: number;
}

export function thresholdsOf(view: EmView): EmThresholds {
  return { aligned: view.aligned, coherent: view.coherent };
}

/** The view's URL parameters, leaving defaults out so links stay short. */
export function viewParams(view: EmView): Record<string, string> {
  const out: Record<string, string> = {};
  if (view.definition !== "betley") out.definition = view.definition;
  if (view.aligned !== DEFAULT_THRESHOLDS.aligned) out.aligned = String(view.aligned);
  if (view.coherent !== DEFAULT_THRESHOLDS.coherent) out.coherent = String(view.coherent);
  return out;
}
