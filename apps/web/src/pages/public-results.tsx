import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { api, messageOf } from '../api';
import { Link } from '../components/link';
import { MapSpace, WhenSeen } from '../components/when-seen';
import { toRoc } from '../roc-date';
import { navigate, useLocation } from '../router';
import { officialName, VENUES } from '../vocabulary';
import type { PublicResult } from '../api-answers';

const FILTERS = ['county', 'township', 'village', 'q'] as const;

interface TownCount {
  county: string | null;
  town: string | null;
  count: number;
}

// The map's drawing library loads only once the map is opened, so the public page stays light on a phone.
const PlaceMap = lazy(() => import('../components/place-map').then((module) => ({ default: module.PlaceMap })));

/**
 * Where results were published: a table of the towns with their counts, each opening that town's results, and on
 * request a map of every county (or, with a county chosen, its towns). The table carries the numbers.
 */
function ResultsByTown({ county }: { county: string | null }) {
  const [towns, setTowns] = useState<TownCount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: TownCount[] }>('/public/results/towns').then((r) => setTowns(r.items), (e) => setError(messageOf(e)));
  }, []);
  if (error) return <p className="error" role="alert">各鄉鎮市區成果件數無法載入：{error}</p>;
  const shown = (towns ?? []).filter((t) => t.county !== null && (!county || t.county === officialName(county)));
  if (shown.length === 0) return null;
  const counties = [...shown.reduce((sum, t) => sum.set(t.county as string, (sum.get(t.county as string) ?? 0) + t.count), new Map<string, number>())].map(([name, count]) => ({ county: name, town: null, village: null, count }));
  const link = (t: TownCount) => `/public?${new URLSearchParams({ county: t.county as string, ...(t.town ? { township: t.town } : {}) })}`;
  return (
    <section aria-label="各鄉鎮市區成果件數">
      <h2>各鄉鎮市區成果件數</h2>
      <details className="map-fold">
        <summary>以地圖檢視</summary>
        <WhenSeen>
          <Suspense fallback={<MapSpace />}>
            {county ? <PlaceMap level="town" county={officialName(county)} counts={shown.map((t) => ({ ...t, village: null }))} what="成果件數" /> : <PlaceMap level="county" county={null} counts={counties} what="成果件數" />}
          </Suspense>
        </WhenSeen>
      </details>
      <table>
        <thead>
          <tr>
            <th scope="col">縣市</th>
            <th scope="col">鄉鎮市區</th>
            <th scope="col">件數</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((t) => (
            <tr key={`${t.county}/${t.town}`}>
              <td>{t.county}</td>
              <td>
                <Link to={link(t)}>{t.town ?? '（未指定）'}</Link>
              </td>
              <td className="number">{t.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Published results, for anyone: by county and village, searchable; the filters apply with 查詢 or Enter and stay in the URL. */
export function PublicResults() {
  const url = useLocation();
  const query = new URLSearchParams(FILTERS.flatMap((key) => (url.searchParams.get(key) ? [[key, url.searchParams.get(key) as string]] : [])));
  const [results, setResults] = useState<PublicResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    // Results that could not be loaded are said to be so, never shown as none published.
    api<{ items: PublicResult[] }>(`/public/results?${query}`).then((r) => setResults(r.items), (e) => setError(messageOf(e)));
  }, [query.toString()]);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams(FILTERS.flatMap((key) => (String(form.get(key) ?? '').trim() ? [[key, String(form.get(key)).trim()]] : [])));
    navigate(`/public${next.size ? `?${next}` : ''}`);
  };

  return (
    <>
      <header>
        <p className="brand">村里廉政平臺</p>
        <nav aria-label="公開網頁">
          <a href="/status">案件進度查詢</a>
          <a href="/">機關同仁登入</a>
        </nav>
      </header>
      <main>
      <h1>村里廉政平臺辦理成果</h1>
      <p className="intro">
        村里廉政平臺由各機關政風單位走入村里辦公室、社區發展協會、學校及公益社團，聽取民眾對公共設施、申辦服務與機關施政的需求和意見，
        交由權責單位或函請相關機關處理，並追蹤到回復民眾為止。以下是已辦結並公開的成果，不含反映者的個人資料。
      </p>
      <form className="filters" role="search" aria-label="查詢成果" onSubmit={search} key={query.toString()}>
        <label>
          縣市
          <input name="county" defaultValue={query.get('county') ?? ''} />
        </label>
        <label>
          鄉鎮市區
          <input name="township" defaultValue={query.get('township') ?? ''} />
        </label>
        <label>
          村里
          <input name="village" defaultValue={query.get('village') ?? ''} />
        </label>
        <label>
          關鍵字
          <input name="q" defaultValue={query.get('q') ?? ''} />
        </label>
        <button type="submit">查詢</button>
      </form>
      {error && (
        <p className="error" role="alert">
          成果無法載入：{error}
        </p>
      )}
      {results === null && !error && <p aria-busy="true">載入中…</p>}
      {[...new Set((results ?? []).map((r) => `${r.county ?? '其他'}${r.village ? ` ${r.village}` : ''}`))].map((place) => (
        <section key={place} aria-label={place}>
          <h2>{place}</h2>
          <ul className="results">
            {(results ?? [])
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
      {results?.length === 0 && <p>{query.size ? '沒有符合的成果' : '目前沒有公布的成果'}</p>}
      <ResultsByTown county={query.get('county')} />
      </main>
    </>
  );
}
