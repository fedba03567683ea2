/** Keeping a message under the size at which Gmail clips it (~102 KB). */

/** Largest HTML body we send, in UTF-8 bytes: under 100 KB with room for the mail headers. */
export const MAX_HTML_BYTES = 90_000;

/** The limits tried, longest list first, when a message is too big. */
const LIMITS = [Number.POSITIVE_INFINITY, 60, 40, 25, 15, 10, 5, 3];

/**
 * Renders with shorter and shorter secondary lists (the full lists stay in the .xlsx attachment) until
 * the HTML fits. Rankings are never cut; only lists a `render` chooses to limit.
 */
export function fitHtml(render: (limit: number) => string, budget = MAX_HTML_BYTES): string {
  let html = '';
  for (const limit of LIMITS) {
    html = render(limit);
    if (Buffer.byteLength(html, 'utf8') <= budget) return html;
  }
  return html;
}

/** The first `limit` items and a note of how many were left out (Chinese), for a list shown in part. */
export function head<T>(items: readonly T[], limit: number): { shown: readonly T[]; more: string } {
  if (items.length <= limit) return { shown: items, more: '' };
  return { shown: items.slice(0, limit), more: `另有 ${items.length - limit} 项未在正文列出，详见附件。` };
}
