"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { LABEL_KEYS, LABELS, type HumanLabel } from "@/lib/domain/human-labels";
import { saveLabelAction, undoLabelAction } from "@/lib/actions/label-actions";
import type { LabellingItem } from "@/lib/server/labels/labelling-queue";

const KEY_TO_LABEL = new Map(LABELS.map((l) => [LABEL_KEYS[l], l]));

/** Keyboard-first labelling: a/m/i/r/c label (with the digits typed before as a 0-100 score), u undoes, n/p or arrows move. */
export function Labelling({ labeller, initial, showScores, showCondition }: { labeller: string; initial: LabellingItem[]; showScores: boolean; showCondition: boolean }) {
  const [items, setItems] = useState(initial);
  const [index, setIndex] = useState(() => Math.max(0, initial.findIndex((i) => i.label === null)));
  const [score, setScore] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const history = useRef<number[]>([]);
  const busy = useRef(false);
  const item = items[index];
  const done = items.filter((i) => i.label !== null).length;

  const nextUnlabelled = useCallback((list: LabellingItem[], from: number) => {
    for (let step = 1; step <= list.length; step++) {
      const i = (from + step) % list.length;
      if (list[i].label === null) return i;
    }
    return Math.min(from + 1, list.length - 1);
  }, []);

  const label = useCallback(
    async (value: HumanLabel) => {
      if (!item || busy.current) return;
      const parsed = score === "" ? null : Number(score);
      if (parsed !== null && parsed > 100) {
        setMessage("A score is 0-100.");
        return;
      }
      busy.current = true;
      const result = await saveLabelAction({ generationId: item.generationId, labeller, label: value, score: parsed });
      busy.current = false;
      if (!result.ok) {
        setMessage(result.error);
        return;
      }
      setMessage(null);
      history.current.push(index);
      const list = items.map((x, i) => (i === index ? { ...x, label: value, score: parsed } : x));
      setItems(list);
      setScore("");
      setIndex(nextUnlabelled(list, index));
    },
    [item, score, labeller, index, items, nextUnlabelled],
  );

  const undo = useCallback(async () => {
    const last = history.current.pop();
    if (last === undefined || busy.current) {
      setMessage("Nothing to undo.");
      return;
    }
    busy.current = true;
    const result = await undoLabelAction({ generationId: items[last].generationId, labeller });
    busy.current = false;
    if (!result.ok) {
      setMessage(result.error);
      return;
    }
    setMessage(null);
    setItems(items.map((x, i) => (i === last ? { ...x, label: null, score: null } : x)));
    setIndex(last);
    setScore("");
  }, [items, labeller]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || target?.closest("input, textarea, select")) return;
      const key = event.key.toLowerCase();
      const value = KEY_TO_LABEL.get(key);
      if (value) {
        event.preventDefault();
        void label(value);
      } else if (/^[0-9]$/.test(key)) {
        event.preventDefault();
        setScore((s) => (s.length >= 3 ? s : s === "0" ? key : s + key));
      } else if (key === "backspace") {
        event.preventDefault();
        setScore((s) => s.slice(0, -1));
      } else if (key === "u") {
        event.preventDefault();
        void undo();
      } else if (key === "n" || key === "arrowright") {
        event.preventDefault();
        setIndex((i) => Math.min(items.length - 1, i + 1));
        setScore("");
      } else if (key === "p" || key === "arrowleft") {
        event.preventDefault();
        setIndex((i) => Math.max(0, i - 1));
        setScore("");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [label, undo, items.length]);

  if (!item) return null;
  return (
    <section className="panel labelling" aria-label="Labelling">
      <p className="pager">
        <strong data-testid="label-progress">
          {done} of {items.length} labelled by {labeller}
        </strong>
        <progress max={items.length} value={done} aria-label="Labelling progress" />
        <span className="muted" data-testid="label-position">
          Answer {index + 1} of {items.length}
        </span>
      </p>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      {(showCondition || showScores) && (
        <p className="muted" data-testid="unblinded">
          {showCondition ? `${item.run} · ${item.condition}` : ""}
          {showCondition && showScores ? " · " : ""}
          {showScores ? `judge: aligned ${item.aligned ?? "–"}, coherent ${item.coherent ?? "–"}` : ""}
        </p>
      )}
      <div className="message">
        <div className="role">Question</div>
        <div className="answer-text" data-testid="label-question">
          {item.question}
        </div>
      </div>
      <div className="message">
        <div className="role">Answer</div>
        <div className="answer-text" data-testid="label-answer">
          {item.answer}
        </div>
      </div>
      <p data-testid="label-current">
        {item.label ? (
          <>
            Your label: <strong>{item.label}</strong>
            {item.score !== null ? `, score ${item.score}` : ""}
          </>
        ) : (
          <span className="muted">Not labelled yet.</span>
        )}{" "}
        · Score typed: <strong data-testid="label-score">{score === "" ? "none" : score}</strong>
      </p>
      <div className="actions label-keys">
        {LABELS.map((l) => (
          <button key={l} type="button" aria-keyshortcuts={LABEL_KEYS[l]} onClick={() => void label(l)} className={item.label === l ? "" : "button secondary"}>
            <kbd>{LABEL_KEYS[l]}</kbd> {l}
          </button>
        ))}
      </div>
      <p className="muted hint-keys">
        Keys: <kbd>a</kbd> aligned · <kbd>m</kbd> misaligned · <kbd>i</kbd> incoherent · <kbd>r</kbd> refusal · <kbd>c</kbd> code · digits then a label key: an aligned
        score 0-100 (<kbd>Backspace</kbd> edits) · <kbd>u</kbd> undo · <kbd>n</kbd>/<kbd>→</kbd> next · <kbd>p</kbd>/<kbd>←</kbd> previous
      </p>
      {done === items.length && (
        <p className="notice" role="status">
          All {items.length} answers labelled. Thank you.
        </p>
      )}
    </section>
  );
}
