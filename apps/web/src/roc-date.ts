/** Forms use the ROC calendar (民國): 115/11/27 is 2026-11-27. */
export function toRoc(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y - 1911}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
}

/** 115/11/27 (or 115-11-27, 115.11.27, 115年11月27日, 民國115年11月27日) to 2026-11-27; null when it is not a date. */
export function fromRoc(text: string): string | null {
  const match = /^\s*(?:民國)?\s*(\d{2,3})\s*(?:[/.-]|年)\s*(\d{1,2})\s*(?:[/.-]|月)\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]) + 1911, Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const TAIPEI_TIME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as people in Taipei read it: 115/11/27 10:00. */
export function rocInstant(instant: string): string {
  const parts = Object.fromEntries(TAIPEI_TIME.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${toRoc(`${parts.year}-${parts.month}-${parts.day}`)} ${parts.hour}:${parts.minute}`;
}

/** Today in Asia/Taipei (UTC+8 all year). */
export function taipeiToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** How date fields tell people to write them. */
export const ROC_DATE_HINT = '民國年/月/日，如 115/11/27';
