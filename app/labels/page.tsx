import Link from "next/link";
import { z } from "zod";
import { currentActor } from "@/lib/auth/authorize-action";
import { labelSampleSchema, labellerSchema } from "@/lib/server/labels/label-input";
import { labellingQueue } from "@/lib/server/labels/labelling-queue";
import { listRuns } from "@/lib/server/runs/list-runs";
import { href } from "@/lib/url";
import { Labelling } from "./labelling-client";

const pageSchema = z.object({
  labeller: labellerSchema.optional().catch(undefined),
  show: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => new Set(v === undefined ? [] : Array.isArray(v) ? v : v.split(","))),
});

export default async function LabelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = await searchParams;
  const sample = labelSampleSchema.parse(params);
  const { labeller: named, show } = pageSchema.parse(params);
  const [runs, actor] = await Promise.all([listRuns(), currentActor()]);
  // Signed in, you label as yourself (the server refuses any other name); local mode takes a name.
  const signedIn = actor?.kind === "user" ? actor.email : null;
  const labeller = signedIn ?? named;
  const items = labeller ? await labellingQueue(sample, labeller) : [];
  return (
    <>
      <h1>Label answers</h1>
      <p className="lede">
        Read each answer and say what it is; your labels measure how often the judge is right (<Link href={href("/labels/report", { seed: sample.seed, per: sample.per, run: sample.run })}>agreement and corrected EM</Link>). The
        sample is random, stratified by run and condition, the same for every labeller with the same seed; judge scores and the condition stay hidden unless you
        choose to see them.
      </p>
      <form method="get" className="controls" aria-label="Labelling setup">
        <label>
          Your name{" "}
          {signedIn ? (
            <input name="labeller" value={signedIn} readOnly aria-readonly title="Signed in: you label as yourself" />
          ) : (
            <input name="labeller" defaultValue={labeller ?? ""} required autoComplete="name" autoFocus={!labeller} />
          )}
        </label>
        <label>
          Seed <input name="seed" type="number" min={0} defaultValue={sample.seed} style={{ width: 90 }} />
        </label>
        <label>
          Per run × condition <input name="per" type="number" min={1} max={200} defaultValue={sample.per} style={{ width: 90 }} />
        </label>
        <label>
          Runs
          <select name="run" multiple defaultValue={sample.run.map(String)} size={Math.min(4, Math.max(2, runs.length))}>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="show" value="scores" defaultChecked={show.has("scores")} /> show judge scores
        </label>
        <label className="checkbox">
          <input type="checkbox" name="show" value="condition" defaultChecked={show.has("condition")} /> show run and condition
        </label>
        <button type="submit">Start labelling</button>
      </form>
      {labeller ? (
        items.length ? (
          <Labelling key={`${labeller}-${sample.seed}-${sample.per}-${sample.run.join(",")}`} labeller={labeller} initial={items} showScores={show.has("scores")} showCondition={show.has("condition")} />
        ) : (
          <p className="panel empty">No answered generations to label in these runs.</p>
        )
      ) : (
        <p className="panel muted">Enter your name and start: the sample appears here.</p>
      )}
    </>
  );
}
