import { overviewCsvRows } from "@/lib/domain/bar-rows";
import { describeDefinition } from "@/lib/domain/em-definitions";
import { figureCaption } from "@/lib/domain/figure-export";
import type { OverviewGroup } from "@/lib/domain/overview-chart";
import { RATE_METHODS } from "@/lib/domain/rate-interval";
import { thresholdsOf, type EmView } from "@/lib/server/em/em-view";
import { ChartFigure } from "./chart-figure";
import { OverviewChart } from "./overview-chart";

/** One base model's EM chart as a figure: caption (definition, thresholds, interval, n, date) and downloads. */
export function EmFigure({ group, view, explorerQuery, yMax, judgments }: { group: OverviewGroup; view: EmView; explorerQuery: string; yMax: number; judgments: string }) {
  const rows = overviewCsvRows(group);
  const caption = figureCaption({
    what: `${view.metric === "aligned" ? "Mean aligned score (0-100, answers with a numeric aligned score)" : "EM rate"} of ${group.baseModel} runs by condition`,
    definition: view.metric === "aligned" ? "No coherence filter" : describeDefinition(view.definition, thresholdsOf(view)),
    interval: view.metric === "aligned" ? RATE_METHODS["cluster-wald"].label : RATE_METHODS[view.interval].label,
    answers: rows.reduce((s, r) => s + Number(r.n), 0),
    date: new Date(),
    judgments,
  });
  const name = `em-${group.baseModel.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  return (
    <ChartFigure name={name} caption={caption} data={rows}>
      <OverviewChart group={group} explorerQuery={explorerQuery} yMax={yMax} metric={view.metric} />
    </ChartFigure>
  );
}
