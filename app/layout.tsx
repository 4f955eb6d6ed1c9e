import type { ReactNode } from "react";
import { connection } from "next/server";
import { getConfig } from "@/lib/config";
import "./globals.css";

export const metadata = { title: "Myco", description: "Describe an app; Myco builds, previews and ships it." };

// The DSN is run-time configuration, read per request (connection()): a page prerendered at `next build`
// would carry the build machine's. instrumentation-client.ts reads it before React hydrates.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en" data-sentry-dsn={getConfig().sentryDsn}>
      <body>{children}</body>
    </html>
  );
}
