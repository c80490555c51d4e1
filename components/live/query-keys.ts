/** React Query keys: mutations and live events invalidate by these. */
export const queryKeys = {
  notifications: ["notifications"] as const,
  contracts: ["contracts"] as const,
};
