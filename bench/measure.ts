/** Tiny timing helpers for the benchmarks. */

/** Best wall time of `runs` runs, in ms. */
export async function best(runs: number, fn: () => unknown): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

/** One result line: "name  value". */
export function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(34)} ${value}\n`);
}
