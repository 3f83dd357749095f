import { useEffect, useState } from 'react';
import { api } from '../api';
import { toRoc } from '../roc-date';
import { VENUES } from '../vocabulary';

interface Result {
  id: string;
  unit: string | null;
  county: string | null;
  village: string | null;
  publishedOn: string;
  venue: string;
  publicSummary: string;
}

/** Published results, for anyone: by county and village, searchable. */
export function PublicResults() {
  const [q, setQ] = useState('');
  const [county, setCounty] = useState('');
  const [village, setVillage] = useState('');
  const [results, setResults] = useState<Result[]>([]);

  useEffect(() => {
    const query = new URLSearchParams(Object.entries({ q, county, village }).filter(([, v]) => v));
    api<{ items: Result[] }>(`/public/results?${query}`).then((r) => setResults(r.items), () => setResults([]));
  }, [q, county, village]);

  return (
    <main>
      <h1>村里廉政平臺辦理成果</h1>
      <div className="filters">
        <label>
          縣市
          <input value={county} onChange={(e) => setCounty(e.target.value)} />
        </label>
        <label>
          村里
          <input value={village} onChange={(e) => setVillage(e.target.value)} />
        </label>
        <label>
          關鍵字
          <input value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      {[...new Set(results.map((r) => `${r.county ?? '其他'}${r.village ? ` ${r.village}` : ''}`))].map((place) => (
        <section key={place} aria-label={place}>
          <h2>{place}</h2>
          <ul className="results">
            {results
              .filter((r) => `${r.county ?? '其他'}${r.village ? ` ${r.village}` : ''}` === place)
              .map((r) => (
                <li key={r.id}>
                  <p>{r.publicSummary}</p>
                  <small>
                    {r.unit}・{toRoc(r.publishedOn)}於{VENUES[r.venue] ?? r.venue}公布
                  </small>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {results.length === 0 && <p>目前沒有公布的成果</p>}
    </main>
  );
}
