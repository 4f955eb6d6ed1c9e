"use client";

import { signOut } from "next-auth/react";

/** Ends the session and returns to sign-in. */
export function SignOutButton() {
  return (
    <button type="button" className="link-button" onClick={() => signOut({ redirectTo: "/sign-in" })}>
      Sign out
    </button>
  );
}
