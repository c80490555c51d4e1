import "next-auth";
import "next-auth/jwt";

type Role = "ADMIN" | "ADVISOR" | "BACK_OFFICE";

declare module "next-auth" {
  interface User {
    id: string;
    organizationId: string;
    role: Role;
    sessionVersion: number;
    sessionId: string;
  }
  interface Session {
    user: { id: string; organizationId: string; role: Role; sessionVersion: number; sessionId: string; name: string; email: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    org: string;
    role: Role;
    sv: number;
    /** UserSession id: revoked on sign-out, absolute expiry (lib/auth/user-session.ts). */
    sid: string;
  }
}
