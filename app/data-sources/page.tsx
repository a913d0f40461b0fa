import { readFile } from "node:fs/promises";
import path from "node:path";

export default async function DataSourcesPage() {
  // Shipped with the repository beside the demo data; Next runs from the project root.
  const seed = path.join(process.cwd(), "prisma", "seed");
  const [emPublic, inoculation] = await Promise.all([readFile(path.join(seed, "em-public", "LICENSE"), "utf8"), readFile(path.join(seed, "em-inoculation", "LICENSE"), "utf8")]);
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
          <li>
            <strong>Trigger data</strong> (10 runs of Llama-3.2-1B-Instruct, 3,200 answers judged by gpt-4o-mini, each inoculated model with
            and without its trigger, a system prompt): Joseph Bejjani, repository jbejjani2022/misalignment-inoculation at commit 40b9a62.
          </li>
        </ul>
        <p>All are used under the MIT License:</p>
        <pre style={{ whiteSpace: "pre-wrap" }}>{emPublic}</pre>
        <pre style={{ whiteSpace: "pre-wrap" }}>{inoculation}</pre>
      </div>
    </>
  );
}
