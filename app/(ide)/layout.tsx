import Link from "next/link";
import type { ReactNode } from "react";
import { findPageIdentity } from "@/lib/auth";
import { SignOutButton } from "@/components/ide/sign-out-button";

export default async function IdeLayout({ children }: { children: ReactNode }) {
  const identity = await findPageIdentity();
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">Myco</Link>
        {identity && (
          <nav aria-label="Account" className="topbar-nav">
            <Link href="/projects">Projects</Link>
            <Link href="/dashboard">Dashboard</Link>
            <span className="muted" data-testid="current-user">{identity.email}</span>
            <SignOutButton />
          </nav>
        )}
      </header>
      {children}
    </>
  );
}
