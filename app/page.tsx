import Link from "next/link";
import { EmViewControls } from "@/components/charts/em-view-controls";
import { OverviewChart } from "@/components/charts/overview-chart";
import { describeDefinition } from "@/lib/domain/em-definitions";
import { overviewData } from "@/lib/server/em/overview-data";
import { emViewSchema, thresholdsOf, viewParams } from "@/lib/server/em/em-view";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const view = emViewSchema.parse(await searchParams);
  const groups = await overviewData(view);
  const explorerQuery = new URLSearchParams(viewParams(view)).toString();
  return (
    <>
      <h1>Overview</h1>
      <p className="lede">
        EM rate per run and trigger condition, {describeDefinition(view.definition, thresholdsOf(view))}. Whiskers: Wilson 95% intervals.
        Click a bar to read the answers behind it.
      </p>
      <EmViewControls view={view} />
      {groups.length === 0 ? (
        <div className="panel empty">
          No judged answers yet. <Link href="/import">Import a CSV of judged answers</Link> or register a run on the <Link href="/runs">Runs</Link> page.
        </div>
      ) : (
        groups.map((group) => (
          <section key={group.baseModel} className="panel" aria-label={`Base model ${group.baseModel}`}>
            <h2>{group.baseModel}</h2>
            <OverviewChart group={group} explorerQuery={explorerQuery} />
          </section>
        ))
      )}
    </>
  );
}
