/**
 * What the law makes the firm keep of a client, and until when (GDPR art. 17(3)(b) with the
 * retention duties of commercial and tax law and the IDD's advice documentation):
 *  - a contract that was ordered (reached 230): its documents, proposal versions, approval evidence,
 *    advice records and dossier, while it runs and then `contractRetentionYears` after it ended;
 *  - a proposal that was never ordered: the same records, `otherRetentionYears` after its last change;
 *  - consents (the proof that processing was allowed): `otherRetentionYears` after their withdrawal.
 * Everything else about the person is anonymised at once.
 */
export const ENDED_STATUSES = new Set([410, 420, 430]);

export interface PlanContract {
  id: string;
  status: number;
  statusChangedAt: Date;
  /** Whether it ever reached 230 (ordered). */
  ordered: boolean;
  label: string;
}

export interface KeptItem {
  kind: "contract" | "proposal" | "consents";
  contractId: string | null;
  label: string;
  /** The day it may be removed; null while the contract still runs (then the years count from its end). */
  until: string | null;
  running: boolean;
}

export function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

export function contractRetention(contract: PlanContract, settings: { contractRetentionYears: number; otherRetentionYears: number }): KeptItem {
  if (contract.ordered) {
    const running = !ENDED_STATUSES.has(contract.status);
    return { kind: "contract", contractId: contract.id, label: contract.label, until: running ? null : addYears(contract.statusChangedAt, settings.contractRetentionYears).toISOString(), running };
  }
  return { kind: "proposal", contractId: contract.id, label: contract.label, until: addYears(contract.statusChangedAt, settings.otherRetentionYears).toISOString(), running: false };
}

/** Whether a kept item's time is up. */
export const expired = (item: KeptItem, now: Date) => !item.running && item.until !== null && new Date(item.until) <= now;
