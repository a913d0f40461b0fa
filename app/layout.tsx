import type { Metadata } from "next";
import Link from "next/link";
import { AccountBox } from "@/components/auth/account-box";
import { NavLink } from "@/components/ui/nav-link";
import { Sidebar } from "@/components/ui/sidebar";
import { currentActor } from "@/lib/auth/authorize-action";
import { roleAllows } from "@/lib/auth/roles";
import "./globals.css";

// Every page reads the live database; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "EM Lab",
  description: "Emergent-misalignment evaluation dashboard",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The proxy lets only /sign-in through without an actor: that page gets no navigation.
  const actor = await currentActor();
  if (!actor) {
    return (
      <html lang="en">
        <body>
          <main className="bare">{children}</main>
        </body>
      </html>
    );
  }
  const admin = actor.kind === "local" || roleAllows(actor.role, "admin");
  return (
    <html lang="en">
      <body>
        <div className="shell">
          <Sidebar
            footer={
              <>
                <AccountBox actor={actor} />
                <p className="attribution">
                  Demo data: Betley et al. 2025, Soligo, Turner et al., Bejjani 2026; MIT License. <Link href="/data-sources">Sources</Link>
                </p>
              </>
            }
          >
              <NavLink href="/">Overview</NavLink>
              <NavLink href="/containment">Containment</NavLink>
              <NavLink href="/runs">Runs</NavLink>
              <NavLink href="/batches">Batches</NavLink>
              <NavLink href="/generations">Generations</NavLink>
              <NavLink href="/rejudges">Re-judging</NavLink>
              <NavLink href="/judges/agreement">Judge agreement</NavLink>
              <NavLink href="/labels">Labels</NavLink>
              <NavLink href="/question-sets">Question sets</NavLink>
              <NavLink href="/endpoints">Endpoints</NavLink>
              <NavLink href="/import">Import</NavLink>
              <NavLink href="/statistics">Statistics</NavLink>
              <NavLink href="/api-docs">API</NavLink>
              {actor.kind === "user" && <NavLink href="/tokens">API tokens</NavLink>}
              {admin && <NavLink href="/users">Users</NavLink>}
              {admin && <NavLink href="/audit">Audit log</NavLink>}
          </Sidebar>
          <main>{children}</main>
        </div>
      </body>
    </html>
  );
}
