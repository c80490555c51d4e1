/** What request handlers, flow steps and the worker share. */
import type { Db } from "./db/pool";
import type { Faults } from "./consumers/faults";
import type { DialectName } from "./dialects/table";

export interface SandboxConfig {
  audience: string;
  adminToken: string;
  proposalDelayMs: number;
  reviewDelayMs: number;
  callbackTimeoutMs: number;
  callbackMaxAttempts: number;
  callbackRetryBaseMs: number;
  callbackRetryMaxMs: number;
  workerIntervalMs: number;
  defaultFaults: Faults;
  /** The dialect of consumers registered without one (SANDBOX_DIALECT). */
  defaultDialect: DialectName;
}

export interface SandboxContext {
  db: Db;
  config: SandboxConfig;
  /** Asks the worker to look for due work at (or soon after) `at`. */
  wake(at?: Date): void;
  log(line: string): void;
}
