import { redirect } from "next/navigation";
import { findPageIdentity } from "@/lib/auth";

export default async function Home() {
  redirect((await findPageIdentity()) ? "/projects" : "/sign-in");
}
