/** The package's version, read from the package.json above this file (from the sources or from dist/). */
import { readFileSync } from 'node:fs';

export function packageVersion(from: string = import.meta.url): string {
  for (let dir = new URL('./', from); ; dir = new URL('../', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'zhaoshang-ledger' && pkg.version) return pkg.version;
    } catch {
      // Not here: keep walking up.
    }
    if (dir.pathname === '/') return '0.0.0';
  }
}
