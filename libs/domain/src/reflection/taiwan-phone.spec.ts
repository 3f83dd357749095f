import { isTaiwanPhone, normalizeTaiwanPhone } from './taiwan-phone';

describe('Taiwanese phone numbers', () => {
  it.each(['0912-345-678', '0912345678', '+886 912 345 678', '(02)2345-6789', '02-23456789#123', '049-2345678', '+886-2-2345-6789'])(
    'accepts %s',
    (phone) => expect(isTaiwanPhone(phone)).toBe(true),
  );

  it.each(['12345', '0812', '091234567', '+1 415 555 0100', 'abc', '0012345678'])('refuses %s', (phone) =>
    expect(isTaiwanPhone(phone)).toBe(false),
  );

  it('normalizes to digits with the leading zero', () => {
    expect(normalizeTaiwanPhone('+886 912 345 678')).toBe('0912345678');
    expect(normalizeTaiwanPhone('(02)2345-6789')).toBe('0223456789');
  });
});
