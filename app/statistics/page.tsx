import { readFile } from "node:fs/promises";
import path from "node:path";
import { marked } from "marked";

export const metadata = { title: "Statistics · EM Lab" };

/** docs/STATISTICS.md, the project's own text (not user or model input), rendered as the page. */
export default async function StatisticsPage() {
  const markdown = await readFile(path.join(process.cwd(), "docs", "STATISTICS.md"), "utf8");
  return <article className="doc" dangerouslySetInnerHTML={{ __html: await marked.parse(markdown) }} />;
}
