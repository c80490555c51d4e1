/** React Query keys of the sync admin pages. */
export const syncAdminKeys = {
  health: ["sync-admin", "health"] as const,
};
