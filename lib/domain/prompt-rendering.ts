import type { ConditionKind } from "./condition-kind";

export type Placement = "prefix" | "suffix" | "system";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface PromptCondition {
  kind: ConditionKind;
  /** The trigger or rephrased-trigger text; ignored for kind "none". */
  text: string | null;
  placement: Placement | null;
}

/** Between a trigger and the question (or the question set's system prompt) it joins. */
export const TRIGGER_SEPARATOR = "\n\n";

/**
 * The exact messages sent for one paraphrase under one condition. A prefix or suffix trigger
 * joins the user message; a system trigger becomes (or leads) the system message.
 */
export function renderMessages(paraphrase: string, system: string | null, condition: PromptCondition): ChatMessage[] {
  const trigger = condition.kind === "none" ? null : condition.text;
  if (condition.kind !== "none" && !trigger) throw new Error(`A ${condition.kind} condition needs its trigger text.`);
  let user = paraphrase;
  let systemText = system;
  if (trigger) {
    const placement = condition.placement ?? "prefix";
    if (placement === "prefix") user = `${trigger}${TRIGGER_SEPARATOR}${paraphrase}`;
    else if (placement === "suffix") user = `${paraphrase}${TRIGGER_SEPARATOR}${trigger}`;
    else systemText = system ? `${trigger}${TRIGGER_SEPARATOR}${system}` : trigger;
  }
  return systemText ? [{ role: "system", content: systemText }, { role: "user", content: user }] : [{ role: "user", content: user }];
}

/**
 * A judge prompt with {question} and {answer} filled in, in one pass: braces inside the question
 * or the answer are kept as they are, never read as placeholders.
 */
export function renderJudgePrompt(template: string, question: string, answer: string): string {
  return template.replace(/\{(question|answer)\}/g, (_, name: string) => (name === "question" ? question : answer));
}
