/**
 * Everything a person typed (project names, notes, unit names) passes through here before it reaches a
 * message. Names may hold HTML, line breaks or text that a spreadsheet would take for a formula.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Text on one line: line breaks, tabs and other control characters become one space. Used for subjects
 * (a CR/LF there would start a new mail header) and for plain-text lines.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** {@link oneLine}, then {@link escapeHtml}: a typed name shown inside an HTML table cell. */
export function cellHtml(text: string): string {
  return escapeHtml(oneLine(text));
}

/** A file name safe on Windows, macOS and in a MIME header: no path or control characters. */
export function safeFileName(text: string): string {
  return oneLine(text).replace(/[\\/:*?"<>|]/g, '_');
}
