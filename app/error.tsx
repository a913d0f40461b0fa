"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p className="lede">
        The page could not be loaded{error.digest ? ` (error ${error.digest}, logged on the server)` : ""}. Is the database
        running? <a href="/api/health">Check /api/health</a>.
      </p>
      <button onClick={reset}>Try again</button>
    </>
  );
}
