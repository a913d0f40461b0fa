/** Background and text colour of a heatmap cell for a rate in percent: white at 0, dark red at max. */
export function heatColor(rate: number, max: number): { background: string; color: string } {
  const t = Math.max(0, Math.min(1, max > 0 ? rate / max : 0));
  // Interpolate white (255,255,255) to #9b1c2c (155,28,44).
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return { background: `rgb(${mix(255, 155)}, ${mix(255, 28)}, ${mix(255, 44)})`, color: t > 0.55 ? "#fff" : "#1b1d21" };
}
