import * as z from 'zod';
import { ValidationError } from './errors.ts';
import { lazySchema } from './lazy-schema.ts';

/**
 * Documents a firm attaches to a lead (financial statements, licences, …): what may be
 * uploaded and how its type is told — by its content (magic bytes), never by its name or the
 * type the browser claims. Pure: bytes in, verdicts out.
 */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * How many leading bytes tell a document's kind: the magic numbers, the first entries of an
 * .xlsx and enough text for a CSV. A file uploaded straight to storage is judged by this much.
 */
export const SNIFF_BYTES = 64 * 1024;

export const DOCUMENT_KINDS = ['pdf', 'png', 'jpeg', 'webp', 'xlsx', 'xls', 'csv'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_CONTENT_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
};

export const DocumentMetaSchema = lazySchema(() =>
  z.object({
    id: z.string().regex(/^[\w-]{8,64}$/),
    leadId: z.string(),
    name: z.string().min(1).max(120),
    kind: z.enum(DOCUMENT_KINDS),
    size: z.number().int().positive().max(MAX_DOCUMENT_BYTES),
    uploadedAt: z.iso.datetime(),
    uploadedBy: z.string(),
    /** When the firm shared it with the lead's institution; unshared documents are the firm's alone. */
    sharedAt: z.iso.datetime().optional(),
  }),
);
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function contains(bytes: Uint8Array, needle: number[]): boolean {
  outer: for (let i = 0; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Text a spreadsheet program would read as CSV: valid UTF-8, no control bytes but tab and line ends. */
function looksLikeText(bytes: Uint8Array): boolean {
  try {
    // Streaming: a character cut at the 64 KB mark is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, SNIFF_BYTES), { stream: true });
  } catch {
    return false;
  }
  return bytes.subarray(0, SNIFF_BYTES).every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}

/**
 * The kind of a file, read from its first bytes (and, for the zip-based .xlsx, its entries);
 * undefined for anything else — a renamed executable stays refused whatever its name says.
 */
export function sniffDocument(bytes: Uint8Array, name: string): DocumentKind | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && contains(bytes, ascii('xl/workbook'))) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) && /\.xls$/i.test(name))
    return 'xls';
  if (/\.csv$/i.test(name) && bytes.length > 0 && looksLikeText(bytes)) return 'csv';
  return undefined;
}

/** A file name safe to show and to send back: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(ch))
    .join('')
    .trim();
  return (clean || 'document').slice(-120);
}

/** The checks every upload passes, whatever stores it: size, then type by content. */
export function checkDocument(bytes: Uint8Array, name: string): DocumentKind {
  return checkDocumentHead(bytes.subarray(0, SNIFF_BYTES), bytes.length, name);
}

/**
 * The same checks from a file's first bytes and its full size (an object in a bucket read with
 * a ranged GET, so a 20 MB upload is never read whole to be judged).
 */
export function checkDocumentHead(head: Uint8Array, size: number, name: string): DocumentKind {
  if (size === 0 || head.length === 0) {
    throw new ValidationError([{ path: 'file', zh: '文件是空的', en: 'the file is empty' }]);
  }
  if (size > MAX_DOCUMENT_BYTES) {
    throw new ValidationError([{ path: 'file', zh: '文件不能超过 20 MB', en: 'files may be at most 20 MB' }]);
  }
  const kind = sniffDocument(head.subarray(0, SNIFF_BYTES), name);
  if (!kind) {
    throw new ValidationError([
      {
        path: 'file',
        zh: '只接受 PDF、图片（PNG、JPEG、WebP）和表格（XLSX、XLS、CSV）',
        en: 'only PDF, images (PNG, JPEG, WebP) and spreadsheets (XLSX, XLS, CSV) are accepted',
      },
    ]);
  }
  return kind;
}
