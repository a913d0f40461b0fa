import Link from "next/link";
import { z } from "zod";
import { href } from "@/lib/url";
import { EmViewControls } from "@/components/charts/em-view-controls";
import { EstimandNote } from "@/components/charts/estimand-note";
import { EmFigure } from "@/components/charts/em-figure";
import { ConditionLegend } from "@/components/charts/overview-chart";
import { EmTable } from "@/components/tables/em-table";
import type { OverviewGroup } from "@/lib/domain/overview-chart";
import { overviewData, runSubsetSchema } from "@/lib/server/em/overview-data";
import { RunSubsetForm } from "@/components/charts/run-subset-form";
import { emViewSchema, viewParams } from "@/lib/server/em/em-view";
import { viewPasses } from "@/lib/server/em/view-passes";
import { describeScoring } from "@/lib/domain/scoring";

function barCount(group: OverviewGroup): number {
  return group.runs.reduce((s, r) => s + Object.keys(r.bars).length, 0);
}

const tableSortSchema = z.object({
  sort: z.string().max(300).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = await searchParams;
  const view = emViewSchema.parse(params);
  const subset = runSubsetSchema.parse(params);
  const [{ groups, yMax, recipes }, passes] = await Promise.all([overviewData(view, subset), viewPasses()]);
  const judgments = describeScoring(view.pass, passes);
  const table = tableSortSchema.parse(params);
  const subsetParams = { baseModel: subset.baseModel, dataset: subset.dataset, triggered: subset.triggered === "any" ? undefined : subset.triggered };
  const explorerQuery = new URLSearchParams(viewParams(view)).toString();
  const withTrigger = (g: OverviewGroup) => g.series.some((s) => s.kind !== "none");
  const hasTrigger = groups.some(withTrigger);
  // Once any run has a trigger condition, the containment figure (those base models) comes first.
  const ordered = [...groups.filter(withTrigger), ...groups.filter((g) => !withTrigger(g))];
  return (
    <>
      <h1>Overview</h1>
      <p className="lede">EM rate per run and trigger condition, all base models on one scale. Click a bar to read its misaligned answers.</p>
      <EmViewControls view={view} keep={subsetParams} passes={passes} />
      <RunSubsetForm subset={subset} recipes={recipes} keep={viewParams(view)} />
      <EstimandNote view={view} passes={passes} />
      {hasTrigger && (
        <p className="panel callout">
          Runs evaluated with a trigger come first: each run without the trigger, with the exact trigger and with each rephrasing. Their
          contrasts (differences paired by question, with p-values) are on the <Link href={`/containment?${explorerQuery}`}>Containment</Link> page.
        </p>
      )}
      {groups.length === 0 ? (
        <div className="panel empty">
          No judged answers yet. <Link href="/import">Import a CSV of judged answers</Link> or register a run on the <Link href="/runs">Runs</Link> page.
        </div>
      ) : (
        <>
          <ConditionLegend groups={groups} />
          <div className="chart-grid-layout">
            {ordered.map((group) => (
              <section key={group.baseModel} className={barCount(group) > 8 ? "panel wide" : "panel"} aria-label={`Base model ${group.baseModel}`}>
                <h2>
                  {withTrigger(group) ? "Containment · " : ""}
                  {group.baseModel}
                </h2>
                <EmFigure group={group} view={view} explorerQuery={explorerQuery} yMax={yMax} judgments={judgments} />
              </section>
            ))}
          </div>
          <h2 id="all-runs">All runs</h2>
          <EmTable
            groups={groups}
            viewQuery={viewParams(view)}
            metric={view.metric}
            sort={table.sort ? { key: table.sort, dir: table.dir } : undefined}
            sortHref={(key, dir) => href("/", { ...viewParams(view), ...subsetParams, sort: key, dir }) + "#all-runs"}
          />
        </>
      )}
    </>
  );
}
