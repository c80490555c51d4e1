export const T = new Map<string, number>();
export async function timed<R>(key: string, f: () => Promise<R>): Promise<R> {
  const t0 = performance.now();
  try { return await f(); } finally { T.set(key, (T.get(key) ?? 0) + performance.now() - t0); }
}
export function dumpTimes(label: string) {
  if (process.env.SYNC_TIMING !== "1") return;
  console.log(label, [...T.entries()].map(([k, v]) => `${k}=${v.toFixed(0)}`).join(" "));
  T.clear();
}
