/**
 * Markdown for group robots. Every value a person typed (project and unit names, notes) goes through
 * `mdText`, so a name such as `*重点*[项目]<script>` shows as typed and cannot bold, link, mention or
 * inject a tag. Both robots render a small Markdown subset and WeCom also reads a few tags (`<font>`,
 * `<@userid>`), so angle brackets become their full-width look-alikes instead of entities, which
 * neither robot promises to decode.
 */

/** ASCII punctuation CommonMark lets a backslash escape and that means something inline. */
const INLINE = /[\\`*_~[\]()!|#]/g;

/** One typed value as inline Markdown text: on one line, specials escaped, no tags. */
export function mdText(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(INLINE, (ch) => `\\${ch}`)
    // GFM autolinks bare addresses and swallows a following escape: escaped slashes keep it text.
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    // A value that starts a line could still read as a list item or a numbered list.
    .replace(/^([-+])(\s)/, '\\$1$2')
    .replace(/^(\d+)\.(\s)/, '$1\\.$2')
    .trim();
}

/** UTF-8 size, the way both robots count their limits. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The longest head of `lines` that fits, cut at a line boundary, with `tail` (a line pointing to the
 * full report) appended when anything was left out. A single line too long on its own is cut at a
 * character boundary, never inside a UTF-8 sequence or a surrogate pair.
 */
export function fitMarkdown(lines: readonly string[], fits: (markdown: string) => boolean, tail: string): string {
  const whole = lines.join('\n');
  if (fits(whole)) return whole;
  const kept: string[] = [];
  for (const line of lines) {
    if (!fits([...kept, line, '', tail].join('\n'))) {
      const cut = longestPrefix(line, (head) => fits([...kept, head, '', tail].join('\n')));
      if (kept.length === 0 && cut !== '') kept.push(cut);
      break;
    }
    kept.push(line);
  }
  // Never end on a heading or a table header whose rows were all cut off.
  while (kept.length > 0 && /^(#{1,6}\s|\|)/.test(kept[kept.length - 1] ?? '')) kept.pop();
  const fitted = [...kept, '', tail].join('\n');
  return fits(fitted) ? fitted : longestPrefix(tail, fits);
}

function longestPrefix(text: string, fits: (head: string) => boolean): string {
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(chars.slice(0, mid).join(''))) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('');
}
