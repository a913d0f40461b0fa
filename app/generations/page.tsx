import { NotBuilt } from "@/components/ui/not-built";

export default function GenerationsPage() {
  return <NotBuilt title="Generations" what="The explorer of every judged completion, with filters and drill-down, comes here." />;
}
