import { Worker } from 'node:worker_threads';

import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

import type { AnnualReport, Block, Run } from './annual-report.model';

/**
 * The PDF is laid out by pdfmake (no browser or office suite to install beside the server; its Roboto has
 * every Vietnamese letter), in a worker thread with a small heap of its own: laying out a report makes
 * tens of megabytes of short-lived objects (fonts parsed per document), which in the API's heap raised its
 * RSS by ~90 MB under a stream of downloads. The worker renders one report at a time; a report that fails
 * there fails its download, and the next one gets a new worker.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const PdfPrinter = require(workerData.pdfmake);
const vfs = require(workerData.fonts);
const font = (file) => Buffer.from(vfs[file], 'base64');
const printer = new PdfPrinter({
  Roboto: {
    normal: font('Roboto-Regular.ttf'),
    bold: font('Roboto-Medium.ttf'),
    italics: font('Roboto-Italic.ttf'),
    bolditalics: font('Roboto-MediumItalic.ttf'),
  },
});
parentPort.on('message', ({ id, definition }) => {
  try {
    const document = printer.createPdfKitDocument(definition);
    const chunks = [];
    document.on('data', (chunk) => chunks.push(chunk));
    document.on('end', () => {
      const pdf = Buffer.concat(chunks);
      const bytes = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength);
      parentPort.postMessage({ id, bytes }, [bytes]);
    });
    document.end();
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

/** The worker's heap: enough for a province's report, small enough to be collected often. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 0;

function layOut(definition: TDocumentDefinitions): Promise<Buffer> {
  const run = queue.then(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        const id = nextId++;
        const current = (worker ??= new Worker(WORKER, {
          eval: true,
          resourceLimits: WORKER_LIMITS,
          // Resolved here: the worker's own `require` would look from the process's working directory.
          workerData: {
            pdfmake: require.resolve('pdfmake'),
            fonts: require.resolve('pdfmake/build/vfs_fonts.js'),
          },
        }));
        // The process may stop while no report is being made.
        current.unref();
        const done = () => {
          current.off('message', onMessage);
          current.off('error', onError);
        };
        const onMessage = (message: { id: number; bytes?: ArrayBuffer; error?: string }) => {
          if (message.id !== id) {
            return;
          }
          done();
          if (message.bytes) {
            resolve(Buffer.from(message.bytes));
          } else {
            reject(new Error(`The PDF could not be made: ${message.error}`));
          }
        };
        const onError = (error: Error) => {
          done();
          worker = null;
          reject(error);
        };
        current.on('message', onMessage);
        current.on('error', onError);
        current.postMessage({ id, definition });
      }),
  );
  queue = run.catch(() => undefined);
  return run;
}

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
  return layOut(definition);
}
