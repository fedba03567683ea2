/**
 * 加减分 类型 (v2), declared once: the 类型 cell's choices, its note, and what a row of each kind does to
 * 总分 and 等次. Parsing, the tab note, the dropdown, 等次 and the reports' wording derive from this list.
 */

export interface AdjustmentKind {
  readonly name: string;
  /** Shown in the 类型 column's note. */
  readonly note: string;
  /** True: 分值 is added to 总分 (and must be a number). */
  readonly addsPoints: boolean;
  /** Grades this row pushes the unit down: Infinity = to the lowest grade; 0 = none. */
  readonly gradeDrop: number;
}

/** Blank 类型 reads as the first entry (v1 加减分). */
export const ADJUSTMENT_KINDS = [
  { name: '加减分', note: '留空同此，分值计入总分', addsPoints: true, gradeDrop: 0 },
  { name: '一票否决', note: '等次定为最低一档，分值不计', addsPoints: false, gradeDrop: Number.POSITIVE_INFINITY },
  { name: '降一档', note: '等次比总分对应的等次低一档，两行降两档，分值不计', addsPoints: false, gradeDrop: 1 },
] as const satisfies readonly AdjustmentKind[];

export type AdjustmentKindName = (typeof ADJUSTMENT_KINDS)[number]['name'];

/** The kind of a 类型 cell's text ('' = 加减分), or undefined when it is none of them. */
export function adjustmentKind(text: string): AdjustmentKind | undefined {
  const name = text.replace(/\s/g, '') || ADJUSTMENT_KINDS[0].name;
  return ADJUSTMENT_KINDS.find((k) => k.name === name);
}
