/**
 * Colour only where a person is watching: on a terminal, unless NO_COLOR is set (no-color.org);
 * FORCE_COLOR turns it on for a pipe. Logs, CI and files get plain text.
 */

export interface Style {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
}

const plain: Style = { red: (t) => t, green: (t) => t, dim: (t) => t };
const wrap = (code: number, reset: number) => (text: string) => `\u001b[${code}m${text}\u001b[${reset}m`;
const ansi: Style = { red: wrap(31, 39), green: wrap(32, 39), dim: wrap(2, 22) };

export function styleFor(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return plain;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return ansi;
  return stream.isTTY === true && env.TERM !== 'dumb' ? ansi : plain;
}
