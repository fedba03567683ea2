/**
 * The CJK font of the PDF: Noto Serif SC (OFL-1.1) from the npm package @expo-google-fonts/noto-serif-sc,
 * a TTF that pdfkit (fontkit) reads and embeds as a subset of the glyphs used. No system font is used:
 * a functions host has none, and a PDF must look the same wherever it is made. Serif because a 公文 is
 * set in 宋/仿宋 faces; Bold stands in for the 小标宋 of titles and the 黑体 of headings.
 * The files are read once per process (~15 MB each) and kept.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof FILES;

const cache = new Map<FontWeight, Buffer>();

/** The TTF bytes of a weight, read on first use. */
export function fontBytes(weight: FontWeight): Buffer {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FILES[weight]));
    cache.set(weight, bytes);
  }
  return bytes;
}
