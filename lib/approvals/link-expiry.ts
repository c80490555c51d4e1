/** Whether a pending link has run out (read-side only: nothing marks a link expired in the database). */
export function isLinkExpired(expiresAt: Date | null, now: Date = new Date()): boolean {
  return expiresAt !== null && expiresAt.getTime() <= now.getTime();
}
