/**
 * The parts around the sheets of a report workbook (content types, relationships, workbook, document
 * properties, theme, shared strings) and the zip that holds them. The layout is the one exceljs wrote
 * for these workbooks, so a report opens the same in Excel, WPS and LibreOffice as before.
 */
import { Zip, type ZipInputFile } from 'fflate';
import { createRequire } from 'node:module';
import { crc32, deflateRawSync } from 'node:zlib';
import { xmlText } from './xml.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
// The Office theme exceljs ships (the default font refers to its colours), deflated once for every workbook.
const THEME = deflated(createRequire(import.meta.url)('exceljs/lib/xlsx/xml/theme1.js') as string);

/** The strings of a workbook, each stored once and referred to by number. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  private count = 0;

  /** The number of `text` in the table. */
  id(text: string): number {
    this.count++;
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.items.length;
      this.index.set(text, id);
      // Leading or trailing blanks and line breaks survive only when the reader is told to keep them.
      this.items.push(/^\s|\n|\s$/.test(text) ? `<si><t xml:space="preserve">${xmlText(text)}</t></si>` : `<si><t>${xmlText(text)}</t></si>`);
    }
    return id;
  }

  /** xl/sharedStrings.xml. */
  xml(): string {
    return `${HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.items.length}">${this.items.join('')}</sst>`;
  }
}

/** One finished sheet: its tab name and its part's XML. */
export interface SheetPart {
  readonly name: string;
  readonly xml: string;
}

/** A sheet name inside a formula: quoted, with its own quotes doubled. */
const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;

function workbookXml(sheets: readonly SheetPart[]): string {
  const list = sheets.map((s, i) => `<sheet sheetId="${i + 1}" name="${xmlText(s.name)}" state="visible" r:id="rId${i + 4}"/>`).join('');
  // Printed or turned into PDF, every page repeats the header row.
  const titles = sheets.map((s, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${quoted(s.name)}!$1:$1`)}</definedName>`).join('');
  return `${HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">`
    + '<fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>'
    + `<sheets>${list}</sheets>${titles ? `<definedNames>${titles}</definedNames>` : ''}<calcPr calcId="171027"/></workbook>`;
}

function workbookRels(sheets: readonly SheetPart[]): string {
  const rel = (id: number, type: string, target: string) => `<Relationship Id="rId${id}" Type="${REL}/${type}" Target="${target}"/>`;
  return `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel(1, 'styles', 'styles.xml')}${rel(2, 'theme', 'theme/theme1.xml')}${rel(3, 'sharedStrings', 'sharedStrings.xml')}`
    + `${sheets.map((_, i) => rel(i + 4, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('')}</Relationships>`;
}

function contentTypes(sheets: readonly SheetPart[]): string {
  const type = (part: string, kind: string) => `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.${kind}"/>`;
  return `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`
    + type('/xl/workbook.xml', 'spreadsheetml.sheet.main+xml')
    + sheets.map((_, i) => type(`/xl/worksheets/sheet${i + 1}.xml`, 'spreadsheetml.worksheet+xml')).join('')
    + type('/xl/theme/theme1.xml', 'theme+xml') + type('/xl/styles.xml', 'spreadsheetml.styles+xml') + type('/xl/sharedStrings.xml', 'spreadsheetml.sharedStrings+xml')
    + '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    + type('/docProps/app.xml', 'extended-properties+xml') + '</Types>';
}

const ROOT_RELS = `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

function appXml(sheets: readonly SheetPart[]): string {
  return `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>`
    + `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>`
    + `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>`
    + '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>';
}

function coreXml(creator: string, created: Date): string {
  const at = created.toISOString().replace(/\.\d{3}/, '');
  return `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
    + `<dc:creator>${xmlText(creator)}</dc:creator><dc:title></dc:title><dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords><cp:category></cp:category><cp:lastModifiedBy>Unknown</cp:lastModifiedBy>`
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified></cp:coreProperties>`;
}

/** A part compressed: its CRC and size as the zip directory records them, and the raw deflate bytes. */
interface Deflated {
  readonly crc: number;
  readonly size: number;
  readonly body: Buffer;
}

/**
 * Node's native deflate at level 1 (report workbooks are small and 200 go out a month: speed matters more
 * than a few KB). fflate's own deflate took twice as long; its Zip still writes the container.
 */
function deflated(xml: string): Deflated {
  const data = Buffer.from(xml);
  return { crc: crc32(data), size: data.length, body: deflateRawSync(data, { level: 1 }) };
}

/**
 * The structural parts (content types, workbook, properties, styles) of a month's 200 unit workbooks are
 * the same text every time: they are compressed once and the result reused. Keyed by the text itself,
 * so a different part can never get another's bytes; bounded, as a run makes only a few distinct ones.
 */
const recent = new Map<string, Deflated>();
const RECENT_LIMIT = 32;

function deflatedOnce(xml: string): Deflated {
  let part = recent.get(xml);
  if (!part) {
    if (recent.size >= RECENT_LIMIT) recent.clear();
    part = deflated(xml);
    recent.set(xml, part);
  }
  return part;
}

/** The .xlsx bytes of finished parts. */
export function packageXlsx(parts: { sheets: readonly SheetPart[]; strings: SharedStrings; styles: string; creator: string; created: Date }): Buffer {
  const { sheets } = parts;
  const entries: [string, Deflated][] = [
    ['[Content_Types].xml', deflatedOnce(contentTypes(sheets))],
    ['_rels/.rels', deflatedOnce(ROOT_RELS)],
    ['docProps/app.xml', deflatedOnce(appXml(sheets))],
    ['docProps/core.xml', deflatedOnce(coreXml(parts.creator, parts.created))],
    ['xl/workbook.xml', deflatedOnce(workbookXml(sheets))],
    ['xl/_rels/workbook.xml.rels', deflatedOnce(workbookRels(sheets))],
    ['xl/theme/theme1.xml', THEME],
    ['xl/styles.xml', deflatedOnce(parts.styles)],
    ['xl/sharedStrings.xml', deflated(parts.strings.xml())],
    ...sheets.map((s, i): [string, Deflated] => [`xl/worksheets/sheet${i + 1}.xml`, deflated(s.xml)]),
  ];
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate's Zip is synchronous when every entry's data is pushed at once, as here.
  const zip = new Zip((error, chunk) => { if (error) failure = error; else chunks.push(chunk); });
  for (const [filename, part] of entries) {
    // Entries dated with the report's own time, so the same report gives the same bytes.
    const file: ZipInputFile = { filename, size: part.size, crc: part.crc, compression: 8, mtime: parts.created };
    zip.add(file);
    file.ondata?.(null, part.body as Uint8Array<ArrayBuffer>, true); // zlib's output is never a SharedArrayBuffer
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
