/** Failures grouped by kind, with a count and a few examples each (batch and re-judge pages). */
export function ErrorList({ errors }: { errors: { label: string; count: number; examples: string[] }[] }) {
  if (errors.length === 0) return null;
  return (
    <section className="panel" aria-label="Errors">
      <h2>Errors</h2>
      {errors.map((e) => (
        <div key={e.label}>
          <strong>{e.label}</strong> × {e.count}
          <ul>
            {e.examples.map((x, i) => (
              <li key={i}>
                <code>{x}</code>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
