import type { Check } from "../context";
import { authChecks } from "./auth";
import { callbackChecks } from "./callbacks";
import { flowChecks } from "./flow";
import { readChecks } from "./reads";
import { sandboxChecks } from "./sandbox";
import { writeChecks } from "./writes";

export const CHECKS: readonly Check[] = [...authChecks, ...readChecks, ...writeChecks, ...flowChecks, ...callbackChecks, ...sandboxChecks];
