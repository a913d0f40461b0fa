import { readFile } from "node:fs/promises";
import path from "node:path";

export default async function DataSourcesPage() {
  // Shipped with the repository beside the demo data; Next runs from the project root.
  const license = await readFile(path.join(process.cwd(), "prisma", "seed", "em-public", "LICENSE"), "utf8");
  return (
    <>
      <h1>Data sources</h1>
      <div className="panel">
        <p>The demo data loaded into an empty database comes from published emergent-misalignment research:</p>
        <ul>
          <li>
            <strong>Questions</strong> (first_plot_questions, preregistered_evals): Betley et al., 2025, “Emergent Misalignment: Narrow
            finetuning can produce broadly misaligned LLMs”, arXiv 2502.17424; repository emergent-misalignment/emergent-misalignment.
          </li>
          <li>
            <strong>Judged answers</strong> (13 runs, 15,600 answers judged by GPT-4o): the Model Organisms for EM authors (Soligo, Turner et
            al.), repository Cloakless/clarifying_EM at commit b578439, folder open_models/.
          </li>
        </ul>
        <p>Both are used under the MIT License:</p>
        <pre style={{ whiteSpace: "pre-wrap" }}>{license}</pre>
      </div>
    </>
  );
}
