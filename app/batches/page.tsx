import { NotBuilt } from "@/components/ui/not-built";

export default function BatchesPage() {
  return <NotBuilt title="Batches" what="Launching evaluation batches against OpenAI-compatible endpoints, and following their progress, comes here." />;
}
