/**
 * The styles part of a report workbook: the few looks the report sheets use, numbered in order of first
 * use (cell formats, fonts, fills, borders, number formats), plus the conditional formats' dxf entries.
 */
import { xmlText } from './xml.js';

/** A font: always named, optionally bold and coloured (ARGB). */
export interface FontLook {
  readonly name?: string;
  readonly bold?: boolean;
  readonly color?: string;
}

/** How a cell looks. Two equal looks share one cell format. */
export interface CellLook {
  readonly numFmt?: string;
  readonly font: FontLook;
  /** Solid fill colour (ARGB). */
  readonly fill?: string;
  /** Thin bottom border colour (ARGB). */
  readonly bottomBorder?: string;
  readonly alignment: { readonly horizontal?: 'center' | 'right'; readonly vertical: 'top' | 'center'; readonly wrapText?: boolean };
}

/** What a conditional format applies: a font colour, bold or not, and an optional solid fill. */
export interface DxfLook {
  readonly font: FontLook;
  readonly fill?: string;
}

/** Number formats Excel knows by id; others get ids from 164 on. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };
const DEFAULT_FONT = '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';
const DEFAULT_FILLS = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
const DEFAULT_BORDER = '<border><left/><right/><top/><bottom/><diagonal/></border>';
const DEFAULT_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';

/** A list that numbers each distinct entry by its first appearance. */
class Numbered {
  readonly items: string[];
  private readonly index = new Map<string, number>();
  constructor(initial: readonly string[] = []) {
    this.items = [];
    for (const item of initial) this.id(item);
  }
  id(item: string): number {
    let id = this.index.get(item);
    if (id === undefined) {
      id = this.items.length;
      this.index.set(item, id);
      this.items.push(item);
    }
    return id;
  }
}

const fontXml = (f: FontLook): string =>
  `<font>${f.bold ? '<b/>' : ''}${f.color ? `<color rgb="${f.color}"/>` : ''}${f.name ? `<name val="${xmlText(f.name)}"/>` : ''}</font>`;
const fillXml = (argb: string): string => `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor rgb="${argb}"/></patternFill></fill>`;

/** The workbook's styles, filled as cells are written. */
export class StyleSheet {
  private readonly fonts = new Numbered([DEFAULT_FONT]);
  private readonly fills = new Numbered(DEFAULT_FILLS);
  private readonly borders = new Numbered([DEFAULT_BORDER]);
  private readonly formats = new Numbered();
  private readonly xfs = new Numbered([DEFAULT_XF]);
  private readonly dxfs: string[] = [];
  /** Looks are shared objects: their id is remembered by identity, so a cell costs one lookup. */
  private readonly seen = new Map<CellLook, number>();

  /** The cell format id (`s`) of a look. */
  cellStyle(look: CellLook): number {
    const known = this.seen.get(look);
    if (known !== undefined) return known;
    const numFmtId = look.numFmt === undefined ? 0 : this.numFmtId(look.numFmt);
    const fontId = this.fonts.id(fontXml(look.font));
    const fillId = look.fill ? this.fills.id(fillXml(look.fill)) : 0;
    const borderId = look.bottomBorder ? this.borders.id(`<border><left/><right/><top/><bottom style="thin"><color rgb="${look.bottomBorder}"/></bottom><diagonal/></border>`) : 0;
    const { horizontal, vertical, wrapText } = look.alignment;
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`
      + `${numFmtId ? ' applyNumberFormat="1"' : ''} applyFont="1"${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''} applyAlignment="1">`
      + `<alignment${horizontal ? ` horizontal="${horizontal}"` : ''} vertical="${vertical}"${wrapText ? ' wrapText="1"' : ''}/></xf>`;
    const id = this.xfs.id(xf);
    this.seen.set(look, id);
    return id;
  }

  /** The id of a new differential format (one per conditional rule, as Excel writes them). */
  dxf(look: DxfLook): number {
    this.dxfs.push(`<dxf>${fontXml(look.font)}${look.fill ? fillXml(look.fill) : ''}</dxf>`);
    return this.dxfs.length - 1;
  }

  private numFmtId(code: string): number {
    return BUILT_IN_FORMATS[code] ?? 164 + this.formats.id(code);
  }

  /** xl/styles.xml. */
  xml(): string {
    const list = (tag: string, items: readonly string[], extra = '') =>
      (items.length === 0 ? `<${tag} count="0"${extra}/>` : `<${tag} count="${items.length}"${extra}>${items.join('')}</${tag}>`);
    const formats = this.formats.items.map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlText(code)}"/>`);
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">'
      + (formats.length > 0 ? list('numFmts', formats) : '')
      + list('fonts', this.fonts.items, ' x14ac:knownFonts="1"') + list('fills', this.fills.items) + list('borders', this.borders.items)
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + list('cellXfs', this.xfs.items)
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
      + list('dxfs', this.dxfs)
      + '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
      + '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>';
  }
}
