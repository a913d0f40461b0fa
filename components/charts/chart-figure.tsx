"use client";
import { useRef } from "react";
import { toCsv, type CsvValue } from "@/lib/domain/figure-export";

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The chart's SVG with computed text colours inlined and the caption below it, as a standalone file. */
function standaloneSvg(container: HTMLElement, caption: string): { svg: string; width: number; height: number } | null {
  const source = container.querySelector<SVGSVGElement>(".recharts-wrapper > svg.recharts-surface") ?? container.querySelector<SVGSVGElement>("svg.recharts-surface");
  if (!source) return null;
  const width = source.width.baseVal.value;
  const height = source.height.baseVal.value;
  const clone = source.cloneNode(true) as SVGSVGElement;
  const sourceTexts = source.querySelectorAll("text");
  clone.querySelectorAll("text").forEach((t, i) => {
    const style = getComputedStyle(sourceTexts[i]);
    t.setAttribute("fill", style.fill);
    t.setAttribute("font-family", style.fontFamily);
  });
  const lines = caption.match(/.{1,140}(\s|$)/g) ?? [caption];
  const extra = 12 + lines.length * 15;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height + extra));
  clone.setAttribute("viewBox", `0 0 ${width} ${height + extra}`);
  const ns = "http://www.w3.org/2000/svg";
  const background = document.createElementNS(ns, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  clone.insertBefore(background, clone.firstChild);
  lines.forEach((line, i) => {
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", "8");
    text.setAttribute("y", String(height + 16 + i * 15));
    text.setAttribute("font-size", "11");
    text.setAttribute("font-family", "sans-serif");
    text.setAttribute("fill", "#333333");
    text.textContent = line.trim();
    clone.appendChild(text);
  });
  return { svg: new XMLSerializer().serializeToString(clone), width, height: height + extra };
}

/** A chart with its caption and downloads: SVG, PNG (2x) and the plotted data as CSV. */
export function ChartFigure({ name, caption, data, children }: { name: string; caption: string; data: Record<string, CsvValue>[]; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const svg = () => (ref.current ? standaloneSvg(ref.current, caption) : null);
  const png = async () => {
    const s = svg();
    if (!s) return;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.svg)}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = s.width * 2;
    canvas.height = s.height * 2;
    const context = canvas.getContext("2d")!;
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    canvas.toBlob((blob) => blob && download(`${name}.png`, blob), "image/png");
  };
  return (
    <figure className="figure">
      <div ref={ref}>{children}</div>
      <figcaption>
        <span className="caption" data-testid="caption">
          {caption}
        </span>
        <span className="figure-actions">
          <button type="button" className="link" onClick={() => { const s = svg(); if (s) download(`${name}.svg`, new Blob([s.svg], { type: "image/svg+xml" })); }}>
            SVG
          </button>
          <button type="button" className="link" onClick={() => void png()}>
            PNG
          </button>
          <button type="button" className="link" onClick={() => download(`${name}.csv`, new Blob([toCsv(data)], { type: "text/csv" }))}>
            CSV
          </button>
        </span>
      </figcaption>
    </figure>
  );
}
