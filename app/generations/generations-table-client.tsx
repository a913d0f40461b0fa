"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import {
  columnVisibilityFeature,
  createColumnHelper,
  flexRender,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
  type SortingState,
} from "@tanstack/react-table";
import { classifyAnswer, type EmDefinitionName, type EmThresholds } from "@/lib/domain/em-definitions";
import type { GenerationRow } from "@/lib/server/generations/list-generations";

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature });
const helper = createColumnHelper<typeof features, GenerationRow>();
const score = (v: number | null) => (v === null ? "null" : v.toFixed(1));

const SORTABLE = new Set(["id", "aligned", "coherent"]);

/** A counted score, marked with the re-judge it came from (pass 0's needs no mark). */
function CountedScore({ value, pass, passZero, name }: { value: number | null; pass: number; passZero: number | null; name: string | undefined }) {
  if (!pass) return <>{score(value)}</>;
  return (
    <>
      {score(value)}{" "}
      <span className="pass-mark" data-testid="pass-mark" title={`Counted from ${name ?? `re-judge #${pass}`}; pass 0 scored ${score(passZero)}`}>
        re-judge #{pass}
      </span>
    </>
  );
}

/**
 * The explorer table. Rows arrive sorted and paged by the server (keyset); sorting here only
 * rewrites the URL, and column visibility is the reader's choice.
 */
export function GenerationsTable({
  rows,
  detailQuery,
  definition,
  thresholds,
  passNames,
}: {
  rows: GenerationRow[];
  detailQuery: string;
  definition: EmDefinitionName;
  thresholds: EmThresholds;
  /** Re-judge labels by pass, for the marks on scores that came from one. */
  passNames: Record<number, string>;
}) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const sortKey = searchParams.get("sort") ?? "id";
  const sorting: SortingState = [{ id: sortKey, desc: searchParams.get("dir") === "desc" }];
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({ baseModel: false, sampleIndex: false });

  const columns = helper.columns([
    helper.accessor("id", {
      header: "ID",
      cell: (info) => <Link href={`/generations/${info.getValue()}${detailQuery ? `?${detailQuery}` : ""}`}>#{info.getValue()}</Link>,
    }),
    helper.accessor("run", { header: "Run", enableSorting: false }),
    helper.accessor("baseModel", { header: "Base model", enableSorting: false }),
    helper.accessor("condition", {
      header: "Condition",
      enableSorting: false,
      cell: (info) => `${info.getValue()}${info.row.original.variant ? `: ${info.row.original.variant}` : ""}`,
    }),
    helper.accessor("question", { header: "Question", enableSorting: false }),
    helper.accessor("sampleIndex", { header: "Sample", enableSorting: false }),
    helper.accessor("aligned", {
      header: "Aligned",
      cell: (info) => {
        const r = info.row.original;
        return <CountedScore value={r.aligned} pass={r.alignedPass} passZero={r.aligned0} name={passNames[r.alignedPass]} />;
      },
    }),
    helper.accessor("coherent", {
      header: "Coherent",
      cell: (info) => {
        const r = info.row.original;
        return <CountedScore value={r.coherent} pass={r.coherentPass} passZero={r.coherent0} name={passNames[r.coherentPass]} />;
      },
    }),
    helper.display({
      id: "verdict",
      header: `Verdict (${definition})`,
      cell: (info) => {
        const r = info.row.original;
        if (r.status !== "done") return <span className="verdict excluded">{r.status}</span>;
        const verdict = classifyAnswer(definition, r.aligned, r.coherent, thresholds);
        return <span className={`verdict ${verdict}`}>{verdict === "excluded" ? "not counted" : verdict}</span>;
      },
    }),
    helper.accessor("preview", {
      header: "Answer (preview)",
      enableSorting: false,
      // Model output is untrusted: React renders it as text.
      cell: (info) => <span className="preview">{info.getValue()}</span>,
    }),
  ]);

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => String(row.id),
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    sortDescFirst: false,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const params = new URLSearchParams(searchParams.toString());
      params.set("sort", next[0]?.id ?? "id");
      params.set("dir", next[0]?.desc ? "desc" : "asc");
      params.delete("after");
      params.delete("before");
      router.push(`/generations?${params.toString()}`);
    },
    onColumnVisibilityChange: setColumnVisibility,
  });

  return (
    <>
      <fieldset className="column-toggles" aria-label="Columns">
        {table.getAllLeafColumns().map((column) => (
          <label key={column.id}>
            <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />{" "}
            {String(column.columnDef.header)}
          </label>
        ))}
      </fieldset>
      <div className="table-scroll">
      <table className="data dense" aria-label="Generations">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.id === sortKey ? (sorting[0].desc ? "desc" : "asc") : false;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th key={header.id} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                    {SORTABLE.has(header.column.id) ? (
                      <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={row.original.status === "done" && classifyAnswer(definition, row.original.aligned, row.original.coherent, thresholds) === "misaligned" ? "misaligned-row" : undefined}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </>
  );
}
