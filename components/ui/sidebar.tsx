"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/** The navigation: a sidebar on wide screens, a bar with a Menu button on phones. */
export function Sidebar({ children, footer }: { children: React.ReactNode; footer: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <aside className={open ? "sidebar open" : "sidebar"}>
      <Link href="/" className="brand">
        EM Lab
      </Link>
      <button type="button" className="nav-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen((o) => !o)}>
        Menu
      </button>
      <nav id="main-nav" aria-label="Main">
        {children}
      </nav>
      {footer}
    </aside>
  );
}
