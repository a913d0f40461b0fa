import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p className="lede">Nothing lives at this address. <Link href="/">Back to the overview</Link>.</p>
    </>
  );
}
