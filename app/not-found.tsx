import Link from "next/link";
import { connection } from "next/server";

export const metadata = { title: "Not found · Myco" };

/**
 * Any path Myco does not know. Rendered per request (connection()), never prerendered: a prerendered page
 * carries no CSP nonce, so none of its scripts would run under the IDE's policy.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="auth-page not-found">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address, or it belongs to a project you are not a member of.</p>
      <p>
        <Link href="/projects">Your projects</Link> · <Link href="/">Myco home</Link>
      </p>
    </main>
  );
}
