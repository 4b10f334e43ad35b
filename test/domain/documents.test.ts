import { describe, expect, it } from 'vitest';
import {
  checkDocument,
  checkDocumentHead,
  cleanFileName,
  MAX_DOCUMENT_BYTES,
  SNIFF_BYTES,
  sniffDocument,
} from '#domain/documents.ts';
import { ValidationError } from '#domain/errors.ts';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('documents: type told by content', () => {
  it('knows PDF, PNG, JPEG, WebP, XLSX, XLS and CSV by their bytes', () => {
    expect(sniffDocument(bytes('%PDF-1.7\n...'), 'x.bin')).toBe('pdf');
    expect(sniffDocument(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'a.png')).toBe('png');
    expect(sniffDocument(bytes([0xff, 0xd8, 0xff, 0xe0]), 'a.jpg')).toBe('jpeg');
    expect(sniffDocument(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'a.webp')).toBe('webp');
    expect(sniffDocument(bytes([0x50, 0x4b, 3, 4], '....xl/workbook.xml'), 'a.xlsx')).toBe('xlsx');
    expect(sniffDocument(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls')).toBe('xls');
    expect(sniffDocument(new TextEncoder().encode('年份,营收\n2025,4.8亿\n'), '报表.csv')).toBe('csv');
  });

  it('refuses what its name pretends to be', () => {
    expect(sniffDocument(bytes('MZ\x90\x00 this program'), 'statement.pdf')).toBeUndefined();
    expect(sniffDocument(bytes([0x50, 0x4b, 3, 4], 'word/document.xml'), 'a.xlsx')).toBeUndefined();
    expect(sniffDocument(bytes('a,b\n', [0, 1, 2]), 'a.csv')).toBeUndefined();
    expect(() => checkDocument(bytes('MZ'), 'x.pdf')).toThrow(ValidationError);
    expect(() => checkDocument(new Uint8Array(0), 'x.pdf')).toThrow(ValidationError);
    try {
      checkDocument(new Uint8Array(MAX_DOCUMENT_BYTES + 1), 'x.pdf');
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).fields[0]!.en).toContain('20 MB');
    }
  });

  it('judges an object in storage by its first bytes and its full size, as a whole file', () => {
    const head = bytes(
      '%PDF-1.7\n',
      Array.from({ length: SNIFF_BYTES }, () => 0x20),
    );
    expect(checkDocumentHead(head.subarray(0, SNIFF_BYTES), 15 * 1024 * 1024, 'report.pdf')).toBe('pdf');
    expect(() => checkDocumentHead(head.subarray(0, SNIFF_BYTES), MAX_DOCUMENT_BYTES + 1, 'r.pdf')).toThrow(
      ValidationError,
    );
    expect(() => checkDocumentHead(bytes('MZ'), 2, 'r.pdf')).toThrow(ValidationError);
    expect(() => checkDocumentHead(new Uint8Array(0), 0, 'r.pdf')).toThrow(ValidationError);
    // Without its name (no page script), a CSV is not told apart from any text.
    expect(() => checkDocumentHead(bytes('a,b\n1,2\n'), 8, '')).toThrow(ValidationError);
  });

  it('cleans file names', () => {
    expect(cleanFileName('C:\\\\fake\\\\path\\\\审计报告 2025.pdf')).toBe('审计报告 2025.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a"<b>|.pdf')).toBe('ab.pdf');
    expect(cleanFileName('')).toBe('document');
  });
});
