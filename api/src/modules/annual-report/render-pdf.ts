import PdfPrinter from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

import type { AnnualReport, Block, Run } from './annual-report.model';

/**
 * The PDF is laid out by pdfmake in the API's own process: no browser or office suite to install beside
 * the server, and the report comes out the same on every machine. Its Roboto (shipped with pdfmake) has
 * every Vietnamese letter.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
const font = (file: string) => Buffer.from(vfs[file], 'base64');
const printer = new PdfPrinter({
  Roboto: {
    normal: font('Roboto-Regular.ttf'),
    bold: font('Roboto-Medium.ttf'),
    italics: font('Roboto-Italic.ttf'),
    bolditalics: font('Roboto-MediumItalic.ttf'),
  },
});

const CHART_WIDTH = 300;
const BAR_HEIGHT = 12;

const text = (parts: Run[]): Content => ({
  text: parts.flatMap((part) => [
    part.text,
    ...(part.note === undefined ? [] : [{ text: String(part.note), sup: true }]),
  ]),
});

function block(item: Block): Content {
  switch (item.kind) {
    case 'title':
      return { text: item.text, style: 'title' };
    case 'subtitle':
      return { text: item.text, style: 'subtitle' };
    case 'heading':
      return { text: item.text, style: 'heading' };
    case 'paragraph':
      return { ...(text(item.runs) as object), margin: [0, 0, 0, 6] } as Content;
    case 'bullet':
      return { ul: [text(item.runs)], margin: [0, 0, 0, 4] };
    case 'table':
      return {
        margin: [0, 4, 0, 8],
        stack: [
          {
            table: {
              headerRows: 1,
              widths: ['*', ...item.header.slice(1).map(() => 'auto' as const)],
              body: [item.header.map((cell) => ({ text: cell, bold: true })), ...item.rows],
            },
          },
          ...(item.note === undefined ? [] : [{ text: String(item.note), sup: true, fontSize: 8 }]),
        ],
      };
    case 'chart': {
      const largest = Math.max(1, ...item.bars.map((bar) => bar.value));
      return {
        margin: [0, 4, 0, 8],
        stack: [
          { text: item.title, bold: true, margin: [0, 0, 0, 4] },
          ...item.bars.map((bar) => ({
            columns: [
              { width: 40, text: bar.label },
              {
                width: CHART_WIDTH + 10,
                canvas: [
                  {
                    type: 'rect' as const,
                    x: 0,
                    y: 1,
                    w: Math.max(1, (bar.value / largest) * CHART_WIDTH),
                    h: BAR_HEIGHT - 2,
                    color: '#1f6f8b',
                  },
                ],
              },
              { width: '*', text: bar.text },
            ],
            margin: [0, 0, 0, 2] as [number, number, number, number],
          })),
        ],
      };
    }
  }
}

/** The report as a PDF: the same blocks, the footnotes numbered in the text and listed at its end. */
export function renderPdf(report: AnnualReport): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    info: { title: report.title, creator: 'Công đoàn data platform' },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
      subtitle: { italics: true, alignment: 'center', margin: [0, 0, 0, 4] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 6] },
      notes: { fontSize: 9 },
    },
    content: [
      ...report.blocks.map(block),
      { text: report.language === 'vi' ? 'Chú thích nguồn' : 'Notes on sources', style: 'heading' },
      {
        style: 'notes',
        ol: report.notes.map((note) => note),
      },
    ],
  };
  return new Promise((resolve, reject) => {
    const document = printer.createPdfKitDocument(definition);
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    document.end();
  });
}
