/**
 * next-auth 4 configuration: email + password, JWT sessions that carry the user id, the
 * organization id, the role and the user's session version. Built lazily: the environment is
 * read at the first request, not when `next build` imports the route.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { AppError, logUnexpected } from "../errors";
import { authenticate } from "./authenticate";

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || "unknown";
}

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (options) return options;
  const maxAge = Math.round(env().SESSION_MAX_AGE_HOURS * 3600);
  options = {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge, updateAge: 0 },
    jwt: { maxAge },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const user = await authenticate(credentials, clientIp(req.headers));
            return { id: user.id, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role, sessionVersion: user.sessionVersion };
          } catch (error) {
            // next-auth hands an Error's message to the sign-in form; only expected errors carry one for users.
            if (error instanceof AppError) throw new Error(error.message);
            const requestId = logUnexpected(error, { where: "sign-in" });
            throw new Error(`Sign-in failed on our side. Quote request id ${requestId} if you contact support.`);
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.org = user.organizationId;
          token.role = user.role;
          token.sv = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.uid, organizationId: token.org, role: token.role, sessionVersion: token.sv, name: token.name ?? "", email: token.email ?? "" };
        return session;
      },
    },
  };
  return options;
}
