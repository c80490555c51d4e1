/**
 * What the sign-in form shows for next-auth's error: our own message (a catalogue key and values
 * as JSON, from lib/auth/options.ts), or one of next-auth's codes mapped to a catalogue key.
 * Browser-safe: it only decides the message; the form translates it.
 */
import { isMsg, msg, type Msg } from "../i18n/message";

const NEXT_AUTH_CODES: Record<string, string> = {
  CredentialsSignin: "auth.nextAuth.CredentialsSignin",
  SessionRequired: "auth.nextAuth.SessionRequired",
  AccessDenied: "auth.nextAuth.AccessDenied",
  Configuration: "auth.nextAuth.Configuration",
  Verification: "auth.nextAuth.Verification",
  Callback: "auth.nextAuth.Default",
  Default: "auth.nextAuth.Default",
};

export function signInErrorMessage(error: string | null | undefined): Msg {
  if (!error) return msg(NEXT_AUTH_CODES.Default!);
  if (error.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(error);
      if (isMsg(parsed) && /^(auth|common)\./.test(parsed.key)) return parsed;
    } catch {
      // not ours: fall through to the generic message
    }
  }
  return msg(NEXT_AUTH_CODES[error] ?? NEXT_AUTH_CODES.Default!);
}
