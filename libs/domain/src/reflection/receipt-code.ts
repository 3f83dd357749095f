/**
 * The receipt code a citizen takes home (收執聯代碼): ten characters of Crockford's base32, nine drawn at random
 * (45 bits) and a check character, read out as `XXXX-XXXX-XX`. The check is Crockford's own (the number modulo
 * 37), which catches any one character misheard and any two neighbours swapped; codes whose check would be one of
 * the five symbols beyond base32 (* ~ $ = U) are drawn again, so every character can be read over the phone.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_LENGTH = 9;
export const RECEIPT_CODE_LENGTH = DATA_LENGTH + 1;

const valueOf = (data: string): bigint => [...data].reduce((value, c) => value * 32n + BigInt(ALPHABET.indexOf(c)), 0n);

/** The check character of nine data characters, or null when it would not be a base32 character. */
function checkOf(data: string): string | null {
  const check = Number(valueOf(data) % 37n);
  return check < 32 ? ALPHABET[check] : null;
}

/**
 * A code from random bytes (at least 6, of which 45 bits are used), or null when its check character falls
 * beyond base32 (5 draws in 37): the caller draws again.
 */
export function receiptCodeFrom(random: Uint8Array): string | null {
  if (random.length < 6) throw new Error('A receipt code needs 6 random bytes');
  let bits = [...random.subarray(0, 6)].reduce((value, byte) => value * 256n + BigInt(byte), 0n) >> 3n;
  let data = '';
  for (let i = 0; i < DATA_LENGTH; i++, bits >>= 5n) data = ALPHABET[Number(bits & 31n)] + data;
  const check = checkOf(data);
  return check === null ? null : data + check;
}

/** `XXXX-XXXX-XX`, as printed on the slip and read out. */
export const formatReceiptCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

/**
 * A code as a citizen types it (any case, with or without the dashes and spaces, O for 0 and I or L for 1, as
 * Crockford allows) in its one canonical form, or null when it is not a code: wrong length, a character outside
 * the alphabet, or a check that does not match.
 */
export function normalizeReceiptCode(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== RECEIPT_CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null;
  return checkOf(code.slice(0, DATA_LENGTH)) === code[DATA_LENGTH] ? code : null;
}

/** The four digits that stand in for a phone number on an anonymous citizen's slip, from a random number. */
export const receiptPinFrom = (random: number): string => String(Math.floor(random) % 10_000).padStart(4, '0');

/** The last four digits of a phone number as given (any punctuation), or null when it has fewer than four. */
export function phoneLast4(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
