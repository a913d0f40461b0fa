import Link from "next/link";
import { listQuestionSets } from "@/lib/server/imports/list-imports";

export default async function QuestionSetsPage() {
  const sets = await listQuestionSets();
  return (
    <>
      <h1>Question sets</h1>
      <p className="lede">
        Evaluation questions in the EM YAML format, with their paraphrases and judge prompts. Import more on the <Link href="/import">Import</Link> page.
      </p>
      <table className="data" aria-label="Question sets">
        <thead>
          <tr>
            <th>Name</th>
            <th>Source file</th>
            <th className="num">Questions</th>
            <th>Imported (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {sets.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={`/question-sets/${s.id}`}>{s.name}</Link>
              </td>
              <td>{s.source}</td>
              <td className="num">{s._count.questions}</td>
              <td>{s.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
            </tr>
          ))}
          {sets.length === 0 && (
            <tr>
              <td colSpan={4} className="empty">
                No question sets yet: import an EM YAML file on the <Link href="/import">Import</Link> page.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
