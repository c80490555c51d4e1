/**
 * Zod issues as field messages in the catalogue. A schema's own message is a catalogue key
 * ("clients.errors.lastName"); where a schema gives none, zod's default is replaced by one of
 * ours (common.validation.*) with its numbers, so no English default of zod reaches a person.
 */
import { z } from "zod";
import { msg, type Msg } from "./message";
import { hasMessage } from "./translate";

type Issue = z.core.$ZodIssue;

function defaultMessage(issue: Issue): Msg {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) <= 1) return msg("common.validation.required");
      return issue.origin === "string" ? msg("common.validation.tooShort", { minimum: Number(issue.minimum) }) : msg("common.validation.tooSmall", { minimum: Number(issue.minimum) });
    case "too_big":
      return issue.origin === "string" ? msg("common.validation.tooLong", { maximum: Number(issue.maximum) }) : msg("common.validation.tooBig", { maximum: Number(issue.maximum) });
    case "invalid_format":
      if (issue.format === "email") return msg("common.validation.email");
      if (issue.format === "url") return msg("common.validation.url");
      if (issue.format === "date" || issue.format === "datetime") return msg("common.validation.date");
      return msg("common.validation.invalid");
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "") return msg("common.validation.required");
      return issue.expected === "number" ? msg("common.validation.number") : msg("common.validation.invalidType");
    case "invalid_value":
      return msg("common.validation.choice");
    default:
      return msg("common.validation.invalid");
  }
}

/** One issue as a message: the schema's key when it gave one, else ours for the kind of issue. */
export function issueMessage(issue: Issue): Msg {
  if (issue.message && hasMessage(issue.message)) return msg(issue.message);
  // A refinement's own text that is not (yet) a key is kept as it is; the catalogue test finds it.
  if (issue.code === "custom" && issue.message) return msg(issue.message);
  return defaultMessage(issue);
}

/** Field messages keyed by field path ("_form" for the object itself), as forms show them. */
export function fieldErrorsOf(error: z.ZodError): Record<string, Msg[]> {
  const out: Record<string, Msg[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issueMessage(issue as Issue));
  }
  return out;
}
