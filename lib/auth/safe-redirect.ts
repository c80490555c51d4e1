/**
 * Where to go after signing in: only a path on this portal. Parsed the way browsers parse it
 * (backslashes count as slashes, tabs and newlines are dropped), so `/\evil.example`,
 * `/%5Cevil.example` once decoded, `//evil.example` and `/\t/evil.example` all end up at "/".
 */
const BASE = "https://portal.invalid";

export function safeNextPath(next: string | string[] | null | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.length > 2_000) return "/";
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? "/" : path;
}
