import type { Metadata } from "next";
import Link from "next/link";
import { NavLink } from "@/components/ui/nav-link";
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
          <aside className="sidebar">
            <Link href="/" className="brand">
              EM Lab
            </Link>
            <nav aria-label="Main">
              <NavLink href="/">Overview</NavLink>
              <NavLink href="/containment">Containment</NavLink>
              <NavLink href="/runs">Runs</NavLink>
              <NavLink href="/batches">Batches</NavLink>
              <NavLink href="/generations">Generations</NavLink>
              <NavLink href="/question-sets">Question sets</NavLink>
              <NavLink href="/endpoints">Endpoints</NavLink>
              <NavLink href="/import">Import</NavLink>
            </nav>
            <p className="attribution">
              Demo data: Betley et al. 2025 and Soligo, Turner et al., MIT License. <Link href="/data-sources">Sources</Link>
            </p>
          </aside>
          <main>{children}</main>
        </div>
      </body>
    </html>
  );
}
