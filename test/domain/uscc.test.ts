import { describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { buildUscc, isValidUscc, orgCodeCheckChar, usccCheckChar, usccProblem } from '#domain/uscc.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';

describe('unified social credit code (GB 32100-2015 + GB 11714)', () => {
  it.each([
    '914403001922038216', // published codes of real enterprises
    '91330100716105852F',
    '9144030071526726XG',
  ])('accepts the real code %s', (code) => {
    expect(usccProblem(code)).toBeUndefined();
  });

  it('computes the GB 11714 check for the organisation code, including X and 0', () => {
    expect(orgCodeCheckChar('19220382')).toBe('1');
    expect(orgCodeCheckChar('71526726')).toBe('X');
  });

  it('rejects a wrong 18th character', () => {
    const good = '91330100716105852F';
    const bad = `${good.slice(0, 17)}${good[17] === 'A' ? 'B' : 'A'}`;
    expect(usccProblem(bad)?.code).toBe('check_digit');
  });

  it('rejects a code whose embedded organisation code fails, even with a matching 18th char', () => {
    // Change the org check char (pos 17) then recompute pos 18 so only GB 11714 can catch it.
    const first16 = '9133010071610585';
    const wrongOrg = `${first16}3`;
    const code = wrongOrg + usccCheckChar(wrongOrg);
    expect(usccProblem(code)?.code).toBe('org_check_digit');
  });

  it('rejects bad length and forbidden characters (I, O, S, V, Z, lower case)', () => {
    expect(usccProblem('91330100716105852')?.code).toBe('length');
    expect(usccProblem('91330100716105852FF')?.code).toBe('length');
    expect(usccProblem('9133010071610585IF')?.code).toBe('charset');
    expect(usccProblem('91330100716105852f')?.code).toBe('charset');
  });

  it('builds valid codes for demo data', () => {
    expect(usccProblem(buildUscc('91', '350203', 'MA8TXM01'))).toBeUndefined();
  });

  it('names the field and the reason in both languages when a firm carries a bad code', () => {
    const result = FirmSchema.safeParse(xiamenLittleGiant({ uscc: '91330100716105852A' }));
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual(['uscc']);
    expect(issue.message).toContain('校验码');
    expect(issue.message).toContain('check digit');
  });
});

describe('certificates', () => {
  it('default to three years of validity', () => {
    const firm = FirmSchema.parse(xiamenLittleGiant());
    expect(firm.certifications[0]!.expiresOn).toBe('2027-07-01');
  });

  it('keep 29 February sensible', () => {
    const firm = FirmSchema.parse(
      xiamenLittleGiant({
        certifications: [{ tier: 'srdi_sme', level: 'municipal', issuedOn: '2024-02-29', authority: 'x' }],
      }),
    );
    expect(firm.certifications[0]!.expiresOn).toBe('2027-02-28');
  });

  it('says a code is valid exactly when usccProblem finds no problem', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    // Allowed, forbidden, lower-case, non-ASCII and astral characters.
    const pool = '0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZa -é中😀';
    const codes: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const body = Array.from({ length: 8 }, () => '0123456789ABCDEFGHJKLMNPQRTUWXY'[next() % 31]).join('');
      const good = buildUscc('91', String(110000 + (next() % 800000)), body);
      codes.push(good);
      // One character changed, anywhere (caught by a check character or the character set).
      const at = next() % 18;
      const chars = [...pool];
      codes.push(good.slice(0, at) + chars[next() % chars.length] + good.slice(at + 1));
      // A wrong organisation check with a matching last character, and the wrong lengths.
      const first16 = good.slice(0, 16);
      const wrongOrg = first16 + '0123456789X'[next() % 11];
      codes.push(wrongOrg + usccCheckChar(wrongOrg));
      codes.push(good.slice(0, 17), `${good}0`, '');
    }
    let valid = 0;
    for (const code of codes) {
      expect(isValidUscc(code), code).toBe(usccProblem(code) === undefined);
      if (isValidUscc(code)) valid++;
    }
    expect(valid).toBeGreaterThan(3000);
    expect(valid).toBeLessThan(codes.length - 9000);
  });
});
