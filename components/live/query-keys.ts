/** React Query keys: mutations and live events invalidate by these. */
export const queryKeys = {
  notifications: ["notifications"] as const,
  contracts: ["contracts"] as const,
  /** One contract's page snapshot (lib/contracts/contract-view.ts). */
  contract: (id: string) => ["contracts", id] as const,
};
