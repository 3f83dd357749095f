import { formatReceiptCode, normalizeReceiptCode, phoneLast4, receiptCodeFrom, RECEIPT_CODE_LENGTH } from './receipt-code';

describe('receipt codes', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);

  it('draws ten base32 characters whose last is the check, or none when the check would fall outside base32', () => {
    const codes = Array.from({ length: 200 }, (_, i) => receiptCodeFrom(bytes(i, 7 * i, 13 * i, 255 - i, i ^ 0x5a, 3 * i)));
    const drawn = codes.filter((code): code is string => code !== null);
    expect(drawn.length).toBeGreaterThan(150);
    for (const code of drawn) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(normalizeReceiptCode(code)).toBe(code);
    }
    expect(RECEIPT_CODE_LENGTH).toBe(10);
  });

  it('reads a code as people type it, and refuses one misheard or with neighbours swapped', () => {
    const code = receiptCodeFrom(bytes(1, 2, 3, 4, 5, 6)) ?? receiptCodeFrom(bytes(9, 9, 9, 9, 9, 9)) as string;
    const printed = formatReceiptCode(code);
    expect(printed).toMatch(/^.{4}-.{4}-.{2}$/);
    expect(normalizeReceiptCode(` ${printed.toLowerCase()} `)).toBe(code);
    for (let i = 0; i < 9; i++) {
      const misheard = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
      expect(normalizeReceiptCode(misheard)).toBeNull();
      if (code[i] !== code[i + 1]) expect(normalizeReceiptCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBeNull();
    }
    expect(normalizeReceiptCode('ABC')).toBeNull();
    expect(normalizeReceiptCode(code.replace(/.$/, 'U'))).toBeNull();
  });

  it('takes the last four digits of a phone number however it was written', () => {
    expect(phoneLast4('0912-345-678')).toBe('5678');
    expect(phoneLast4('(04) 2222-1234')).toBe('1234');
    expect(phoneLast4('12')).toBeNull();
    expect(phoneLast4(null)).toBeNull();
  });
});
