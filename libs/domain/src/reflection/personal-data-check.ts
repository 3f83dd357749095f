import type { Reporter } from './reporter';
import { normalizeTaiwanPhone } from './taiwan-phone';

/**
 * Text as a reader would match it: full-width letters and digits made plain (NFKC), 台 read as 臺, and the spaces
 * and dashes people put anywhere in a name, a number or an address taken out.
 */
function plain(text: string): string {
  return text.normalize('NFKC').replace(/台/g, '臺').replace(/[\s\-‐‑‒–—―－_.,，、·・]/g, '');
}

/** 臺中市北區中華路1號 is also written 北區中華路1號 and 中華路1號: the address without its county/city, then its district. */
function addressForms(address: string): string[] {
  const full = plain(address);
  const withoutCounty = full.replace(/^.{1,4}?[縣市]/, '');
  const withoutDistrict = withoutCounty.replace(/^.{1,4}?[鄉鎮市區]/, '');
  // A part too short to name a place (a lane number alone) would refuse innocent text.
  return [...new Set([full, withoutCounty, withoutDistrict])].filter((form) => form.length >= 4);
}

/**
 * Which of the reporter's personal data a text to be published holds (個人資料保護法): the name, the phone number in
 * any writing of it, or the address with or without its county and district. Null when none.
 */
export function personalDataIn(text: string, reporter: Reporter | null): 'name' | 'phone' | 'address' | null {
  if (!reporter) return null;
  const summary = plain(text);
  const { name, phone, address } = reporter;
  if (name && plain(name).length >= 2 && summary.includes(plain(name))) return 'name';
  if (address && addressForms(address).some((form) => summary.includes(form))) return 'address';
  const phoneDigits = phone ? normalizeTaiwanPhone(phone) : null;
  const summaryDigits = summary.replace(/\D/g, '');
  if (phoneDigits && (summaryDigits.includes(phoneDigits) || summaryDigits.includes(phoneDigits.slice(1)))) return 'phone';
  return null;
}
