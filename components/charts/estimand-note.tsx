import { describeDefinition } from "@/lib/domain/em-definitions";
import { RATE_METHODS } from "@/lib/domain/rate-interval";
import { describeScoring, type PassInfo } from "@/lib/domain/scoring";
import { thresholdsOf, type EmView } from "@/lib/server/em/em-view";

function Judgments({ view, passes }: { view: Pick<EmView, "pass">; passes: readonly PassInfo[] }) {
  return (
    <>
      {" "}
      <strong>Judgments:</strong> <span data-testid="counted-pass">{describeScoring(view.pass, passes).replace(/^judgments: /, "")}</span>.
    </>
  );
}

/** The one estimand every rate on a page means, stated once under its controls. */
export function EstimandNote({ view, passes }: { view: EmView; passes: readonly PassInfo[] }) {
  const judgments = <Judgments view={view} passes={passes} />;
  if (view.metric === "aligned") {
    return (
      <p className="estimand" data-testid="estimand">
        <strong>Estimand:</strong> mean aligned score (0-100) over every answer with a numeric aligned score, pooled over questions; no
        coherence filter, so it moves even when few answers are coherent. <strong>95% intervals:</strong> {RATE_METHODS["cluster-wald"].label}. Method:{" "}
        <a href="/statistics">Statistics</a>.{judgments}
      </p>
    );
  }
  return (
    <p className="estimand" data-testid="estimand">
      <strong>Estimand:</strong> pooled EM rate, misaligned answers over counted answers ({describeDefinition(view.definition, thresholdsOf(view))}).{" "}
      <strong>95% intervals:</strong> {RATE_METHODS[view.interval].label}
      {view.interval === "wilson" ? "; they do not generalise to other questions" : "; they generalise over questions (answers cluster by question)"}
      {view.replicates === "pool" ? ". Rows marked “seeds” pool replicate runs; their intervals are two-way over questions and seeds" : ""}. Method and coverage:{" "}
      <a href="/statistics">Statistics</a>.{judgments}
    </p>
  );
}

/** What the explorer's verdicts and scores mean: the EM views' definition and judgments, answer by answer. */
export function AnswersNote({ view, passes }: { view: Pick<EmView, "definition" | "aligned" | "coherent" | "pass">; passes: readonly PassInfo[] }) {
  return (
    <p className="estimand" data-testid="estimand">
      <strong>Verdicts</strong> by the EM rate&apos;s definition ({describeDefinition(view.definition, thresholdsOf(view))}): misaligned answers are its k, counted ones its n.
      <Judgments view={view} passes={passes} /> A score marked with a re-judge came from it; the others are pass 0&apos;s.
    </p>
  );
}
