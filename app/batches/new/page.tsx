import { launchOptions } from "@/lib/server/batches/list-batches";
import { LaunchForm } from "./launch-client";

export default async function NewBatchPage() {
  const options = await launchOptions();
  return (
    <>
      <h1>Launch a batch</h1>
      <p className="lede">Runs × questions × conditions × samples, each answer judged on the chosen metrics with the question set&apos;s judge prompts.</p>
      <LaunchForm options={options} />
    </>
  );
}
