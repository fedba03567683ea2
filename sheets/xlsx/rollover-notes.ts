/**
 * The parts attached to a sheet whose rows moved: legacy comments (commentsN.xml, anchored by `ref`),
 * their VML shapes (0-based <x:Row> and the rows of <x:Anchor>) and threaded comments (`ref`), each moved
 * with its row or removed with it, so a note never ends up on somebody else's project; drawings' anchors
 * and tables' ranges moved up. Text only; every other byte of these parts stays as it was.
 */
import type { RowShift } from './row-shift.js';

/** commentsN.xml or threadedCommentsN.xml: each <comment>/<threadedComment> follows its cell. */
export function shiftCommentRefs(xml: string, shift: RowShift): string {
  if (!shift.active) return xml;
  return xml.replace(/<((?:\w+:)?)(comment|threadedComment)\b([^>]*?)(\/>|>[\s\S]*?<\/\1\2>)/g, (element: string, _p: string, _n: string, attributes: string) => {
    const ref = /\sref="([^"]*)"/.exec(attributes)?.[1];
    if (ref === undefined) return element;
    const moved = shift.ref(ref);
    return moved === undefined ? '' : element.replace(/(\sref=")[^"]*"/, `$1${moved}"`);
  });
}

/** A VML drawing's note shapes: the shape of a deleted row goes, the others move up with their rows. */
export function shiftVmlNotes(xml: string, shift: RowShift): string {
  if (!shift.active) return xml;
  return xml.replace(/<v:shape\b[\s\S]*?<\/v:shape>/g, (shape) => {
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
    if (row === undefined) return shape;
    const moved = shift.row(Number(row) + 1);
    if (moved === undefined) return '';
    const delta = moved - 1 - Number(row);
    if (delta === 0) return shape;
    return shape
      .replace(/(<x:Row>\s*)\d+/, `$1${moved - 1}`)
      .replace(/(<x:Anchor>)([^<]*)(<\/x:Anchor>)/, (_w, open: string, anchor: string, close: string) => {
        const parts = anchor.split(',').map((p) => p.trim());
        if (parts.length !== 8) return `${open}${anchor}${close}`;
        // Left column, offset, TOP ROW, offset, right column, offset, BOTTOM ROW, offset.
        for (const i of [2, 6]) parts[i] = String(Math.max(0, Number(parts[i]) + delta));
        return `${open}${parts.join(', ')}${close}`;
      });
  });
}

/**
 * A drawing on a sheet whose rows moved (a picture or chart someone put on a ledger tab): each anchor's
 * <xdr:from>/<xdr:to> row (0-based) moves up by the deleted rows above it, as Excel moves a "move with
 * cells" object. Nothing is ever removed: a picture over a deleted row stays, on the next row.
 */
export function shiftDrawingAnchors(xml: string, shift: RowShift): string {
  if (!shift.active) return xml;
  return xml.replace(/(<((?:\w+:)?)(?:from|to)>[\s\S]*?<\2row>)(\d+)(<\/\2row>)/g, (_w, head: string, _p: string, row: string, tail: string) => {
    return `${head}${Math.max(0, shift.place(Number(row) + 1) - 1)}${tail}`;
  });
}

/** A table (ListObject) on a sheet whose rows moved: its range and its filter's range shrink with the rows. */
export function shiftTableRefs(xml: string, shift: RowShift): string {
  if (!shift.active) return xml;
  return xml.replace(/<(?:\w+:)?(?:table|autoFilter|sortState)\b[^>]*>/g, (tag) => tag.replace(/(\sref=")([^"]*)"/, (_m, head: string, ref: string) => `${head}${shift.ref(ref) ?? ref}"`));
}
