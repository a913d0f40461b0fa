"use client";
import { useState, useTransition } from "react";
import { deleteEndpointAction, testEndpointAction } from "@/lib/actions/endpoint-actions";

/** Runs one small request through a worker and shows what came back. */
export function EndpointTestButton({ id, name }: { id: number; name: string }) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <span>
      <button
        type="button"
        className="button secondary"
        aria-label={`Test ${name}`}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await testEndpointAction({ id });
            setResult(r.ok ? r.data : { ok: false, message: r.error });
          })
        }
      >
        {pending ? "Testing…" : "Test"}
      </button>{" "}
      {result && (
        <span role="status" className={result.ok ? "notice" : "field-error"}>
          {result.message}
        </span>
      )}
    </span>
  );
}

export function EndpointDeleteButton({ id, name }: { id: number; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <button
        type="button"
        className="button secondary"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Remove endpoint ${name}? Runs it serves keep their answers but lose the endpoint.`)) return;
          start(async () => {
            const r = await deleteEndpointAction({ id });
            if (r && !r.ok) setError(r.error);
          });
        }}
      >
        Remove endpoint
      </button>
      {error && <span className="field-error">{error}</span>}
    </>
  );
}
