import { NotBuilt } from "@/components/ui/not-built";

export default function OverviewPage() {
  return (
    <NotBuilt
      title="Overview"
      what="This page will chart the EM rate of every run by trigger condition and rephrasing, with 95% intervals. For now, register runs on the Runs page."
    />
  );
}
