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
    <>
      <header>
        <p className="brand">村里廉政平臺</p>
        <nav aria-label="公開網頁">
          <a href="/">機關同仁登入</a>
        </nav>
      </header>
      <main>
      <h1>村里廉政平臺辦理成果</h1>
      <p className="intro">
        村里廉政平臺由各機關政風單位走入村里辦公處、社區發展協會、學校及公益團體，聽取民眾對公共設施、申辦服務與機關施政的需求和意見，
        交由權責單位或函請相關機關處理，並追蹤到回復民眾為止。以下是已辦結並公開的成果，不含反映者的個人資料。
      </p>
      <div className="filters" role="search" aria-label="查詢成果">
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
    </>
  );
}
