/**
 * FiNUM conformance: checks any provider over HTTP as a consumer would, labelled spec (must pass)
 * or convention (FINUM.md [ours]: "differs", with what the portal adapts to). Server-side only
 * (it opens a local callback listener in the full run). `runQuickConformance` is the quick part
 * for the admin's Test connection: auth, reads and error shapes, no writes.
 */
export { runConformance, runQuickConformance, runCheck, summarize, createCheckContext, missingRequirements } from "./runner";
export type { CheckOutcome, CheckResult, ConformanceReport } from "./runner";
export type { Check, CheckContext, CheckKind } from "./context";
export type { ConformanceConfigInput } from "./config";
export { CHECKS } from "./checks";
