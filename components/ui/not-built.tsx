/** A plain statement that a page exists in the plan but has not been built yet. */
export function NotBuilt({ title, what }: { title: string; what: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="panel not-built" role="status">
        <p>
          <strong>Not built yet.</strong> {what}
        </p>
      </div>
    </>
  );
}
