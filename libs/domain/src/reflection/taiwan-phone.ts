/**
 * Taiwanese phone numbers: mobiles 09xx-xxx-xxx, landlines 0 + area code + 6 to 8 digits
 * (02 Taipei has 8, most others 7, Kinmen/Matsu/Taitung shorter), optionally written with +886
 * instead of the leading 0, with spaces, dashes or brackets, and an extension after # or "ext".
 */
const SEPARATORS = /[\s\-()]/g;
const EXTENSION = /(?:#|ext\.?|分機)\d{1,6}$/i;

export function normalizeTaiwanPhone(raw: string): string | null {
  let digits = raw.trim().replace(EXTENSION, '').replace(SEPARATORS, '');
  if (digits.startsWith('+886')) digits = '0' + digits.slice(4).replace(/^0/, '');
  if (/^09\d{8}$/.test(digits)) return digits;
  if (/^0[2-8]\d{6,8}$/.test(digits)) return digits;
  return null;
}

export function isTaiwanPhone(raw: string): boolean {
  return normalizeTaiwanPhone(raw) !== null;
}
