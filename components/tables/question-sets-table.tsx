import Link from "next/link";
import { utcMinute } from "@/lib/format";
import { EmptyRow } from "@/components/tables/empty-row";

interface QuestionSetRow {
  id: number;
  name: string;
  source: string | null;
  createdAt: Date;
  _count: { questions: number };
}

export function QuestionSetsTable({ sets }: { sets: QuestionSetRow[] }) {
  return (
    <div className="table-scroll">
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
            <td>{utcMinute(s.createdAt)}</td>
          </tr>
        ))}
        {sets.length === 0 && (
          <EmptyRow columns={4}>
            No question sets yet: import an EM YAML file on the <Link href="/import">Import</Link> page.
          </EmptyRow>
        )}
      </tbody>
    </table>
    </div>
  );
}
