import Link from "next/link";
import { QuestionSetsTable } from "@/components/tables/question-sets-table";
import { listQuestionSets } from "@/lib/server/imports/list-imports";

export default async function QuestionSetsPage() {
  const sets = await listQuestionSets();
  return (
    <>
      <h1>Question sets</h1>
      <p className="lede">
        Evaluation questions in the EM YAML format, with their paraphrases and judge prompts. Import more on the <Link href="/import">Import</Link> page.
      </p>
      <QuestionSetsTable sets={sets} />
    </>
  );
}
