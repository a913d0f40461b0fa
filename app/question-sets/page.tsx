import { NotBuilt } from "@/components/ui/not-built";

export default function QuestionSetsPage() {
  return <NotBuilt title="Question sets" what="Importing and browsing evaluation question sets (EM YAML format) comes here." />;
}
