import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

import type { AnnualReport, Block, Run } from './annual-report.model';

/** The longest bar of a chart, in characters. */
const BAR_WIDTH = 40;

const runs = (parts: Run[]) =>
  parts.flatMap((part) => [
    new TextRun(part.text),
    ...(part.note === undefined ? [] : [new FootnoteReferenceRun(part.note)]),
  ]);

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

const table = (rows: string[][], header?: string[]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(header
        ? [new TableRow({ tableHeader: true, children: header.map((text) => cell(text, true)) })]
        : []),
      ...rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
    ],
  });

function block(item: Block): Array<Paragraph | Table> {
  switch (item.kind) {
    case 'title':
      return [
        new Paragraph({ text: item.text, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
      ];
    case 'subtitle':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: item.text, italics: true })],
        }),
      ];
    case 'heading':
      return [new Paragraph({ text: item.text, heading: HeadingLevel.HEADING_1 })];
    case 'paragraph':
      return [new Paragraph({ children: runs(item.runs) })];
    case 'bullet':
      return [new Paragraph({ children: runs(item.runs), bullet: { level: 0 } })];
    case 'table':
      return [
        table(item.rows, item.header),
        new Paragraph({ children: item.note === undefined ? [] : [new FootnoteReferenceRun(item.note)] }),
      ];
    case 'chart': {
      // A bar chart drawn with the document's own characters: it reads in any word processor.
      const largest = Math.max(1, ...item.bars.map((bar) => bar.value));
      return [
        new Paragraph({ children: [new TextRun({ text: item.title, bold: true })] }),
        table(
          item.bars.map((bar) => [
            bar.label,
            `${'█'.repeat(Math.max(bar.value > 0 ? 1 : 0, Math.round((bar.value / largest) * BAR_WIDTH)))} ${bar.text}`,
          ]),
        ),
        new Paragraph(''),
      ];
    }
  }
}

/** The report as a Word document (docx), its provenance as real footnotes. */
export function renderDocx(report: AnnualReport): Promise<Buffer> {
  const document = new Document({
    creator: 'Công đoàn data platform',
    title: report.title,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    footnotes: Object.fromEntries(
      report.notes.map((text, index) => [index + 1, { children: [new Paragraph(text)] }]),
    ),
    sections: [{ children: report.blocks.flatMap(block) }],
  });
  return Packer.toBuffer(document);
}
