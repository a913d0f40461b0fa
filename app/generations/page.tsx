import Link from "next/link";
import { Suspense } from "react";
import { generationFilterSchema, type GenerationFilter } from "@/lib/server/generations/generation-filter";
import { AnswersNote } from "@/components/charts/estimand-note";
import { passLabel, type PassInfo } from "@/lib/domain/scoring";
import { thresholdsOf } from "@/lib/server/em/em-view";
import { viewPasses } from "@/lib/server/em/view-passes";
import { explorerOptions } from "@/lib/server/generations/explorer-options";
import { countGenerations, listGenerations } from "@/lib/server/generations/list-generations";
import { FiltersForm } from "./filters-form";
import { GenerationsTable } from "./generations-table-client";

type SearchParams = Record<string, string | string[]>;

/** The filter's query string without page cursors (for links to pages, details and exports). */
function filterQuery(params: SearchParams, drop: string[] = ["after", "before"]): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (drop.includes(key)) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.append(key, v);
  }
  return out;
}

function withParam(params: URLSearchParams, key: string, value: string): string {
  const q = new URLSearchParams(params);
  q.set(key, value);
  return q.toString();
}

async function Results({ filter, params, passes }: { filter: GenerationFilter; params: SearchParams; passes: readonly PassInfo[] }) {
  const [page, total] = await Promise.all([listGenerations(filter), countGenerations(filter)]);
  const base = filterQuery(params);
  const pageLink = (cursor: string, direction: "after" | "before") => {
    const q = new URLSearchParams(base);
    q.set(direction, cursor);
    return `/generations?${q.toString()}`;
  };
  const exportLink = (format: string) => {
    const q = filterQuery(params, ["after", "before", "sort", "dir"]);
    q.set("format", format);
    return `/api/v1/exports?${q.toString()}`;
  };
  return (
    <>
      <div className="pager">
        <strong data-testid="match-count">
          {total.capped ? `More than ${total.count.toLocaleString("en-US")}` : total.count.toLocaleString("en-US")} answers match
        </strong>
        <span className="muted">Export:</span>
        <a href={exportLink("csv")}>CSV</a>
        <a href={exportLink("jsonl")}>JSONL</a>
        {filter.em === "misaligned" && (
          <Link href={`/generations?${withParam(base, "em", "counted")}`} data-testid="show-counted">
            Show all counted answers (the rate&apos;s n)
          </Link>
        )}
        <Link href={`/rejudges/new?${filterQuery(params, ["after", "before", "sort", "dir"]).toString()}`}>Re-judge these</Link>
      </div>
      {page.rows.length === 0 ? (
        <p className="panel empty">
          No answers match these filters. <Link href="/generations">Clear the filters</Link> or <Link href="/import">import judged answers</Link>.
        </p>
      ) : (
        <GenerationsTable
          rows={page.rows}
          detailQuery={base.toString()}
          definition={filter.definition}
          thresholds={thresholdsOf(filter)}
          passNames={Object.fromEntries(passes.map((p) => [p.pass, passLabel(p)]))}
        />
      )}
      <nav className="pager" aria-label="Pages">
        {page.previous ? <Link href={pageLink(page.previous, "before")}>← Previous 50</Link> : <span className="muted">← Previous 50</span>}
        {page.next ? <Link href={pageLink(page.next, "after")}>Next 50 →</Link> : <span className="muted">Next 50 →</span>}
      </nav>
    </>
  );
}

export default async function GenerationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const parsed = generationFilterSchema.safeParse(params);
  const filter = parsed.success ? parsed.data : generationFilterSchema.parse({});
  const [options, passes] = await Promise.all([explorerOptions(), viewPasses()]);
  return (
    <>
      <h1>Generations</h1>
      <p className="lede">Every judged answer, filtered and sorted on the server; 50 per page.</p>
      {!parsed.success && (
        <p className="form-error" role="alert">
          The link had filters this page does not understand ({parsed.error.issues.map((i) => i.path.join(".")).join(", ")}); showing everything.
        </p>
      )}
      <FiltersForm filter={filter} options={options} passes={passes} />
      <AnswersNote view={filter} passes={passes} />
      <Suspense key={JSON.stringify(params)} fallback={<p className="panel muted">Loading answers…</p>}>
        <Results filter={filter} params={parsed.success ? params : {}} passes={passes} />
      </Suspense>
    </>
  );
}
