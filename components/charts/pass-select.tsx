import { passLabel, type PassChoice, type PassInfo } from "@/lib/domain/scoring";

/** The "Judgments" choice of every EM view and the explorer: latest complete pass, pass 0, or one re-judge. */
export function PassSelect({ pass, passes, className }: { pass: PassChoice; passes: readonly PassInfo[]; className?: string }) {
  return (
    <label className={className}>
      Judgments{" "}
      <select name="pass" defaultValue={String(pass)} data-testid="pass-select">
        <option value="latest">Latest complete pass per metric (default)</option>
        <option value="0">Pass 0: each batch&apos;s judge or imported scores</option>
        {passes.map((p) => (
          <option key={p.pass} value={String(p.pass)}>
            {passLabel(p)}, {p.status}
            {p.counting === "auto" ? "" : `, ${p.counting}`}
          </option>
        ))}
      </select>
    </label>
  );
}
