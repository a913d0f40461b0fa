import Link from "next/link";
import { EndpointTestButton } from "@/components/forms/endpoint-buttons";
import { EndpointForm } from "@/components/forms/endpoint-form";
import { lacksRole } from "@/lib/auth/authorize-action";
import { listEndpoints } from "@/lib/server/endpoints/list-endpoints";
import { EmptyRow } from "@/components/tables/empty-row";

export default async function EndpointsPage() {
  const [endpoints, admin] = await Promise.all([listEndpoints(), lacksRole("admin").then((lacks) => !lacks)]);
  return (
    <>
      <h1>Endpoints</h1>
      <p className="lede">
        OpenAI-compatible servers that answer for a run or act as a judge: vLLM (a LoRA adapter is a model id), Ollama, OpenAI, Together…
        API keys stay in the workers&apos; environment; EM Lab stores only the variable&apos;s name.
      </p>
      {admin ? <EndpointForm /> : <p className="panel muted">Adding, editing and testing endpoints needs the admin role.</p>}
      <div className="table-scroll">
      <table className="data" aria-label="Endpoints">
        <thead>
          <tr>
            <th>Name</th>
            <th>Base URL</th>
            <th>Model</th>
            <th>Key variable</th>
            <th className="num">Concurrent</th>
            <th className="num">Per minute</th>
            <th className="num">Timeout</th>
            <th className="num">$ per 1M tokens (in / out)</th>
            <th className="num">Runs</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e) => (
            <tr key={e.id}>
              <td>{e.name}</td>
              <td>
                <code>{e.baseUrl}</code>
              </td>
              <td>
                {e.model}
                {e.batchApi && <span className="muted"> · judges through the Batch API</span>}
              </td>
              <td>{e.apiKeyEnv ? <code>{e.apiKeyEnv}</code> : <span className="muted">none</span>}</td>
              <td className="num">{e.maxConcurrent}</td>
              <td className="num">{e.requestsPerMinute ?? "–"}</td>
              <td className="num">{e.timeoutSeconds} s</td>
              <td className="num">{e.inputUsdPerMTok === null ? <span className="muted">not set</span> : `${e.inputUsdPerMTok} / ${e.outputUsdPerMTok}`}</td>
              <td className="num">{e._count.runs}</td>
              <td>
                {admin && (
                  <>
                    <Link href={`/endpoints/${e.id}/edit`} aria-label={`Edit ${e.name}`}>
                      Edit
                    </Link>{" "}
                    <EndpointTestButton id={e.id} name={e.name} />
                  </>
                )}
              </td>
            </tr>
          ))}
          {endpoints.length === 0 && (
            <EmptyRow columns={10}>
              No endpoints yet: add the server that serves your fine-tuned model, and one for the judge.
            </EmptyRow>
          )}
        </tbody>
      </table>
      </div>
    </>
  );
}
