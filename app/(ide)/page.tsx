import Link from "next/link";
import { redirect } from "next/navigation";
import { findPageIdentity } from "@/lib/auth";

const STEPS = [
  { title: "Describe it", text: "Say what the app is for: the things it keeps track of, their fields, the choices they have." },
  { title: "Watch it built", text: "The agent writes a real app: pages, a database with migrations, serverless functions, React components. It previews live as it goes." },
  { title: "Change anything", text: "Edit the code in the browser, browse and edit the data, invoke functions, read every change as a diff, restore any version." },
  { title: "Ship it", text: "Cut an immutable release, deploy it to staging, promote it to production, and roll back in one click without losing your users' data." },
];

/** Signed out: what Myco is. Signed in: straight to the projects. */
export default async function Home() {
  if (await findPageIdentity()) redirect("/projects");
  return (
    <main className="page landing">
      <section className="landing-hero">
        <h1>Describe an app. Myco builds, previews and ships it.</h1>
        <p className="muted">
          An open-source, self-hosted AI app builder: every app is real software in a git repository, with its own database,
          functions and releases, running on your own server.
        </p>
        <p className="landing-actions">
          <Link className="button" href="/sign-up">Create an account</Link>
          <Link href="/sign-in">Sign in</Link>
        </p>
      </section>
      <ol className="landing-steps">
        {STEPS.map((s) => (
          <li key={s.title}>
            <h2>{s.title}</h2>
            <p>{s.text}</p>
          </li>
        ))}
      </ol>
    </main>
  );
}
