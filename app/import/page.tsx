import Link from "next/link";
import { QuestionSetsTable } from "@/components/tables/question-sets-table";
import { utcMinute } from "@/lib/format";
import { listImports, listQuestionSets } from "@/lib/server/imports/list-imports";
import { lacksRole } from "@/lib/auth/authorize-action";
import { ImportForm } from "./import-client";

export default async function ImportPage() {
  const [imports, questionSets] = await Promise.all([listImports(), listQuestionSets()]);
  return (
    <>
      <h1>Import</h1>
      <p className="lede">
        Judged answers as CSV (the EM and Model Organisms format: question, answer, question_id, aligned, coherent, …) or
        EM Lab JSONL, Inspect AI logs (<code>.eval</code> or <code>.json</code>: each sample and epoch an answer, each scorer a judge metric with grades C and I as 100 and 0; only <code>aligned</code> and <code>coherent</code> scores count toward EM), and question sets as EM YAML. The same import runs from the command line (<code>npm run emlab -- import</code>) and
        from <code>POST /api/v1/imports</code>.
      </p>
      {(await lacksRole("researcher")) ? (
        <p className="panel muted">Importing needs the researcher role.</p>
      ) : (
        <ImportForm questionSets={questionSets.map((s) => s.name)} />
      )}
      <h2>Recent imports</h2>
      {imports.length === 0 ? (
        <p className="panel empty">Nothing imported yet.</p>
      ) : (
        <table className="data" aria-label="Imports">
          <thead>
            <tr>
              <th>File</th>
              <th>Run</th>
              <th>Format</th>
              <th className="num">Rows</th>
              <th>When (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <td>{i.fileName}</td>
                <td>
                  <Link href={`/runs/${i.run.id}/edit`}>{i.run.name}</Link>
                </td>
                <td>{i.format}</td>
                <td className="num">{i.rowCount.toLocaleString("en-US")}</td>
                <td>{utcMinute(i.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Question sets</h2>
      <QuestionSetsTable sets={questionSets} />
    </>
  );
}
