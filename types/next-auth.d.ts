import "next-auth";
import "next-auth/jwt";

type Role = "ADMIN" | "ADVISOR";

declare module "next-auth" {
  interface User {
    id: string;
    organizationId: string;
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; organizationId: string; role: Role; sessionVersion: number; name: string; email: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    org: string;
    role: Role;
    sv: number;
  }
}
