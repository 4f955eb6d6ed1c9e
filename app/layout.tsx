import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "Myco", description: "Describe an app; Myco builds, previews and ships it." };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
