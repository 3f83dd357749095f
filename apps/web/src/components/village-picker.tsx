import { useEffect, useState } from 'react';
import { api, messageOf } from '../api';

interface Village {
  villageCode: string;
  county: string;
  town: string;
  village: string;
}

const SEARCH_AFTER_MS = 250;

/**
 * A village of the Ministry of the Interior's register, found by typing part of any of its names (東湖 lists every
 * 東湖里 with its town) and chosen from the list; the value is its code (村里代碼). Two plain controls, a search box
 * and a list, so keyboards and screen readers need nothing special.
 */
export function VillagePicker({
  id,
  value,
  onChange,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  /** Set by Field, which says beside the list why a value was refused. */
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Village[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (query.trim() === '') return setFound([]);
    const timer = setTimeout(() => {
      api<{ items: Village[] }>(`/places/villages?q=${encodeURIComponent(query)}&limit=30`).then(
        (r) => {
          setError(null);
          setFound(r.items);
          if (r.items.length > 0 && !r.items.some((v) => v.villageCode === value)) onChange(r.items[0].villageCode);
        },
        (e) => setError(messageOf(e)),
      );
    }, SEARCH_AFTER_MS);
    return () => clearTimeout(timer);
    // Searched again as the words change; choosing from the list changes only the value.
  }, [query]);

  return (
    <div className="village-picker">
      <label htmlFor={`${id}-search`}>搜尋村里（村里、鄉鎮市區或縣市名稱）</label>
      <input id={`${id}-search`} value={query} onChange={(e) => setQuery(e.target.value)} placeholder="例如 東湖、大里 東湖" autoComplete="off" />
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined} aria-describedby={describedBy}>
        <option value="">{query.trim() === '' ? '（請先輸入村里名稱搜尋）' : found.length === 0 ? '（查無符合的村里）' : '（請選擇）'}</option>
        {found.map((v) => (
          <option key={v.villageCode} value={v.villageCode}>
            {v.county}
            {v.town}
            {v.village}
          </option>
        ))}
      </select>
      {error && (
        <small className="error" role="alert">
          村里清單無法載入：{error}
        </small>
      )}
    </div>
  );
}
