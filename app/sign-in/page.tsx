import { redirect } from "next/navigation";
import { z } from "zod";
import { currentActor } from "@/lib/auth/authorize-action";
import { SignInForm } from "./sign-in-client";

const searchSchema = z.object({ next: z.string().optional() });

/** Only paths of this dashboard: never another site. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = searchSchema.parse(await searchParams);
  const target = safeNext(next);
  const actor = await currentActor();
  if (actor?.kind === "user") redirect(target);
  return (
    <div className="sign-in">
      <h1>Sign in to EM Lab</h1>
      {actor?.kind === "local" ? (
        <p className="lede">This instance runs in local mode (no users yet): there is nothing to sign in to.</p>
      ) : (
        <>
          <p className="lede">Accounts are created by an admin (Users page, or <code>npm run -s emlab -- user add</code>).</p>
          <SignInForm next={target} />
        </>
      )}
    </div>
  );
}
