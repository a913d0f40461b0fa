import { Fragment } from "react";
import { apiRoutes } from "@/app/api/v1/route-table";
import { apiDocument } from "@/lib/api/api-document";
import { schemaFields, typeName, type SchemaField } from "@/lib/api/schema-fields";

export const metadata = { title: "API · EM Lab" };

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  "x-emlab-role": string;
  parameters: { name: string; in: string; required: boolean; description?: string; schema: Json; example?: unknown }[];
  requestBody?: { content: Record<string, { schema: Json; example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json; example?: unknown }> }>;
}

function Fields({ rows }: { rows: SchemaField[] }) {
  if (!rows.length) return null;
  return (
    <div className="api-table">
      <table className="data">
        <thead>
          <tr>
            <th>field</th>
            <th>type</th>
            <th>notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.name}>
              <td>
                <code>{f.name}</code>
                {f.required && <span className="muted api-required">required</span>}
              </td>
              <td>
                <code>{f.type}</code>
              </td>
              <td>{f.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Example({ value }: { value: unknown }) {
  if (value === undefined) return null;
  return <pre className="api-example">{JSON.stringify(value, null, 2)}</pre>;
}

function OperationView({ method, path, op }: { method: string; path: string; op: Operation }) {
  const [bodyType, body] = op.requestBody ? Object.entries(op.requestBody.content)[0] : [];
  const [status, success] = Object.entries(op.responses)[0];
  const [responseType, response] = success.content ? Object.entries(success.content)[0] : [];
  return (
    <section className="panel api-operation" id={op.operationId}>
      <h3>
        <span className={`api-method api-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
      </h3>
      <p>
        {op.summary}. <span className="muted">Role: {op["x-emlab-role"]}.</span>
      </p>
      {op.description && <p className="muted">{op.description}</p>}
      {op.parameters.length > 0 && (
        <>
          <h4>Parameters</h4>
          <Fields rows={op.parameters.map((p) => ({ name: p.name, type: `${typeName(p.schema)} (${p.in})`, required: p.required, description: [p.description, p.example !== undefined ? `e.g. ${JSON.stringify(p.example)}` : ""].filter(Boolean).join("; ") }))} />
        </>
      )}
      {body && (
        <>
          <h4>
            Body <span className="muted">{bodyType}</span>
          </h4>
          <Fields rows={schemaFields(body.schema)} />
          <Example value={body.example} />
        </>
      )}
      <h4>
        Response {status} <span className="muted">{responseType}</span>
      </h4>
      {response && typeName(response.schema) !== "object" && typeName(response.schema) !== "string" && <p className="muted">A list of:</p>}
      {response && <Fields rows={schemaFields(response.schema)} />}
      {!response?.schema?.properties && !(response?.schema as Json | undefined)?.items && <p className="muted">{success.description}</p>}
      <Example value={response?.example} />
    </section>
  );
}

/** The OpenAPI document, readable: operations by area with parameters, bodies, responses and examples. */
export default function ApiDocsPage() {
  const doc = apiDocument(apiRoutes);
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(operations.map((o) => o.op.tags[0]))];
  return (
    <>
      <h1>REST API</h1>
      <p className="lede">
        Every operation of <code>/api/v1</code>, generated from the schemas the routes parse with. Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1). Errors
        are JSON <code>{"{error, fieldErrors}"}</code> with the status that fits (400 invalid input, 404 not found, 409 conflict, 422 a bad file). The command line
        (<code>npm run -s emlab -- --help</code>) covers the same objects, locally or with <code>--url</code>.
      </p>
      <nav className="api-toc" aria-label="Areas">
        {tags.map((tag) => (
          <a key={tag} href={`#tag-${tag}`}>
            {tag}
          </a>
        ))}
      </nav>
      {tags.map((tag) => (
        <Fragment key={tag}>
          <h2 id={`tag-${tag}`}>{tag}</h2>
          {operations
            .filter((o) => o.op.tags[0] === tag)
            .map((o) => (
              <OperationView key={o.op.operationId} {...o} />
            ))}
        </Fragment>
      ))}
    </>
  );
}
