/**
 * next-auth 4 configuration: email + password, JWT sessions that carry the user id, the
 * organization id, the role and the user's session version. Built lazily: the environment is
 * read at the first request, not when `next build` imports the route.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { AppError, logUnexpected } from "../errors";
import { clientIp } from "../http/client-ip";
import { authenticate } from "./authenticate";
import { createUserSession, revokeUserSession } from "./user-session";
import { safeNextPath } from "./safe-redirect";
import { msg } from "../i18n/message";

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (options) return options;
  const maxAge = Math.round(env().SESSION_MAX_AGE_HOURS * 3600);
  options = {
    secret: env().NEXTAUTH_SECRET,
    // The cookie's own expiry; the absolute limit is the UserSession row's (reads do not extend it).
    session: { strategy: "jwt", maxAge, updateAge: maxAge },
    jwt: { maxAge },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password", // next-auth's own sign-in page, never shown (pages.signIn is ours)
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const ip = clientIp(req.headers);
            const user = await authenticate(credentials, ip);
            const session = await createUserSession(user.id, ip);
            return { id: user.id, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role, sessionVersion: user.sessionVersion, sessionId: session.id };
          } catch (error) {
            // next-auth hands an Error's message to the sign-in form: a message (catalogue key and
            // values, as JSON) that the form puts into the visitor's language (signInErrorMessage).
            if (error instanceof AppError) throw new Error(JSON.stringify(error.msg));
            const requestId = logUnexpected(error, { where: "sign-in" });
            throw new Error(JSON.stringify(msg("auth.errors.unexpected", { requestId })));
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
          token.sid = user.sessionId;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.uid, organizationId: token.org, role: token.role, sessionVersion: token.sv, sessionId: token.sid, name: token.name ?? "", email: token.email ?? "" };
        return session;
      },
      // After sign-in or sign-out, only ever to this portal (never an absolute URL elsewhere).
      redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${safeNextPath(url)}`;
        return URL.canParse(url) && new URL(url).origin === new URL(baseUrl).origin ? url : baseUrl;
      },
    },
    events: {
      // Signing out ends the session on the server too: a copied cookie no longer works.
      async signOut({ token }) {
        if (token?.sid) await revokeUserSession(token.sid);
      },
    },
  };
  return options;
}
