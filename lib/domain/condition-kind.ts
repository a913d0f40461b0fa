export const CONDITION_KINDS = ["none", "trigger", "rephrased"] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

export function isConditionKind(value: unknown): value is ConditionKind {
  return typeof value === "string" && (CONDITION_KINDS as readonly string[]).includes(value);
}
