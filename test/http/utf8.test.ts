import { describe, expect, it } from 'vitest';
import { utf8 } from '#http/guards.ts';

describe('utf8: answers encoded once, into shared slabs', () => {
  it('gives each text its own UTF-8 bytes, and never writes over bytes already handed out', () => {
    const texts: string[] = [];
    const bytes: Uint8Array[] = [];
    // Enough answers of mixed sizes and scripts to fill several slabs (and some too large for one).
    for (let k = 0; k < 400; k++) {
      const text = `{"k":${k},"t":"${'专精特新"小巨人" 😀 ascii '.repeat(1 + ((k * 37) % 300))}"}`;
      texts.push(text);
      bytes.push(utf8(text));
    }
    texts.push('', '{}');
    bytes.push(utf8(''), utf8('{}'));
    texts.forEach((text, k) => {
      expect(Buffer.from(bytes[k]!).equals(Buffer.from(text, 'utf8'))).toBe(true);
    });
  });
});
