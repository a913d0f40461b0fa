import { RoleRequired } from "@/components/auth/role-required";
import { lacksRole } from "@/lib/auth/authorize-action";
import { launchOptions } from "@/lib/server/batches/list-batches";
import { LaunchForm } from "./launch-client";

export default async function NewBatchPage() {
  if (await lacksRole("researcher")) return <RoleRequired title="Launch a batch" role="researcher" />;
  const options = await launchOptions();
  return (
    <>
      <h1>Launch a batch</h1>
      <p className="lede">Runs × questions × conditions × samples, each answer judged on the chosen metrics with the question set&apos;s judge prompts.</p>
      <LaunchForm options={options} />
    </>
  );
}
