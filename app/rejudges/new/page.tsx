import { RoleRequired } from "@/components/auth/role-required";
import { lacksRole } from "@/lib/auth/authorize-action";
import { generationFilterFields } from "@/lib/server/generations/generation-filter";
import { rejudgeOptions } from "@/lib/server/rejudges/rejudge-options";
import { RejudgeForm } from "./rejudge-form-client";

type SearchParams = Record<string, string | string[]>;

/** The explorer's filter fields from the URL ("Re-judge these" on /generations), cursors and sorting dropped. */
function filterFrom(params: SearchParams): Record<string, string | string[]> {
  const known = new Set(Object.keys(generationFilterFields.shape));
  for (const drop of ["after", "before", "sort", "dir"]) known.delete(drop);
  return Object.fromEntries(Object.entries(params).filter(([key, value]) => known.has(key) && value !== ""));
}

export default async function NewRejudgePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (await lacksRole("researcher")) return <RoleRequired title="Re-judge answers" role="researcher" />;
  const params = await searchParams;
  const options = await rejudgeOptions();
  const batch = Number(params.batch);
  return (
    <>
      <h1>Re-judge answers</h1>
      <p className="lede">
        Judge a set of answered generations again, with another judge endpoint or model, or an edited judge prompt (stored with its SHA-256). The result is a new pass
        beside the primary judgment, which stays as it is; once the re-judge completes the EM views count it by default (its page can make it
        primary or exclude it, and every view can choose a pass).
      </p>
      <RejudgeForm options={options} initialFilter={filterFrom(params)} initialBatch={Number.isInteger(batch) && batch > 0 ? batch : undefined} />
    </>
  );
}
