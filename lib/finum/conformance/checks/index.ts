import type { Check } from "../context";
import { authChecks } from "./auth";
import { callbackChecks } from "./callbacks";
import { flowChecks } from "./flow";
import { readChecks } from "./reads";
import { recordChecks } from "./records";
import { writeChecks } from "./writes";

/** In order: the record conventions come last, so they also judge what the flow read. */
export const CHECKS: readonly Check[] = [...authChecks, ...readChecks, ...writeChecks, ...flowChecks, ...callbackChecks, ...recordChecks];
