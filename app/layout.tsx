import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";
import { Providers } from "@/components/providers";

export const metadata: Metadata = {
  title: { default: "Proposal Desk", template: "%s · Proposal Desk" },
  description: "From the first client call to an active contract.",
};

// Rendered per request: the CSP nonce (proxy.ts) differs on every response, and Next adds it to
// its scripts only in dynamic rendering.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
