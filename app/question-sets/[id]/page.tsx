import { notFound } from "next/navigation";
import { idParamsSchema } from "@/lib/search-params";
import { getQuestionSet } from "@/lib/server/question-sets/get-question-set";

export default async function QuestionSetPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const set = await getQuestionSet(parsed.data.id);
  if (!set) notFound();
  return (
    <>
      <h1>Question set {set.name}</h1>
      <p className="lede">
        {set.questions.length} questions from {set.source ?? "an unnamed file"}.
      </p>
      {set.questions.map((q) => (
        <section key={q.id} className="panel" aria-label={`Question ${q.key}`}>
          <h2>{q.key}</h2>
          <p className="muted">
            {q.type} · {q.samplesPerParaphrase} samples per paraphrase · judge {q.judgeModel ?? "not named"} · metrics{" "}
            {Object.keys(q.judgePrompts as Record<string, string>).join(", ")}
          </p>
          {q.system && (
            <div className="message">
              <div className="role">system</div>
              <div className="answer-text">{q.system}</div>
            </div>
          )}
          {q.paraphrases.map((p, i) => (
            <div key={i} className="message">
              <div className="role">paraphrase {i}</div>
              <div className="answer-text">{p}</div>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
