import type { Metadata } from "next";
import Link from "next/link";
import { NavLink } from "@/components/ui/nav-link";
import { Sidebar } from "@/components/ui/sidebar";
import "./globals.css";

// Every page reads the live database; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "EM Lab",
  description: "Emergent-misalignment evaluation dashboard",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <div className="shell">
          <Sidebar
            footer={
              <p className="attribution">
                Demo data: Betley et al. 2025, Soligo, Turner et al., Bejjani 2026; MIT License. <Link href="/data-sources">Sources</Link>
              </p>
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
          </Sidebar>
          <main>{children}</main>
        </div>
      </body>
    </html>
  );
}
