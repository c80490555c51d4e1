/**
 * What a new password must be: at least 12 characters, not one of the passwords attackers try
 * first (a common word or a keyboard or number run, with or without digits and symbols around
 * it), and not mostly one repeated character. Messages say what to do instead.
 */
import { z } from "zod";

// Normalized (lower case, letters and digits only, trailing digits removed) forms of the
// passwords that lead every breach list, and the words people build them from.
const COMMON = new Set([
  "password", "passwort", "passwordpassword", "qwerty", "qwertyuiop", "qwertz", "qwertzuiop", "asdfghjkl", "azerty", "letmein", "welcome", "willkommen",
  "admin", "administrator", "iloveyou", "monkey", "dragon", "football", "baseball", "sunshine", "princess", "master", "shadow", "superman",
  "trustno", "whatever", "changeme", "secret", "geheim", "hallo", "login", "abc", "abcdef", "abcdefgh", "test", "testtest", "guest",
  "proposaldesk", "insurance", "versicherung", "starwars", "michael", "jennifer", "summer", "winter", "spring", "autumn", "hello", "freedom",
]);

const RUNS = ["0123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm", "1qaz2wsx3edc4rfv5tgb"];

/** Why a password is refused (a catalogue key, auth.password.*), or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < 12) return "auth.password.tooShort";
  if (password.length > 256) return "auth.password.tooLong";
  const lower = password.toLowerCase();
  const letters = lower.replace(/[^a-z0-9]/g, "");
  const core = letters.replace(/\d+$/, "").replace(/^\d+/, "");
  if (new Set(password).size < 5 || /^(.{1,8})\1+$/.test(letters)) return "auth.password.repeats";
  if (COMMON.has(core) || COMMON.has(letters) || [...COMMON].some((word) => word.length >= 6 && core.replace(word, "").length <= 2 && core.includes(word))) {
    return "auth.password.common";
  }
  if (RUNS.some((run) => run.includes(letters)) || /^(\d)\1+$/.test(letters)) return "auth.password.run";
  const local = context.email?.split("@")[0]?.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (local && local.length >= 4 && letters.includes(local)) return "auth.password.email";
  const name = context.name?.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (name && name.length >= 4 && core === name) return "auth.password.name";
  return null;
}

/** The zod field for a new password (forms and server actions alike). */
export const newPasswordSchema = z.string().superRefine((value, context) => {
  const problem = passwordProblem(value);
  if (problem) context.addIssue({ code: "custom", message: problem });
});
