import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf, saveDocument } from '../api';
import { Link } from '../components/link';
import { announce } from '../components/status';
import { toRoc } from '../roc-date';
import { useMe } from '../session';
import { categoryLabel, NATURES } from '../vocabulary';
import type { ImportProgress, ImportReport, ImportRowReport } from '../api-answers';

/** How often the screen asks how far the import is. */
const PROGRESS_POLL_MS = 500;

const OUTCOMES: Record<ImportRowReport['outcome'], string> = {
  to_import: '可匯入',
  imported: '已匯入',
  already_imported: '先前已匯入',
  duplicate: '重複',
  refused: '未通過',
};

/** The rows a clerk must read: refused, repeated, or kept as written; at most this many are listed. */
const LISTED_ROWS = 200;

/** The outcome of a check or an import: counts, then each row that needs a look, with its reason. */
function ReportView({ report }: { report: ImportReport }) {
  const needing = report.rows.filter((r) => r.problems.length > 0 || r.notes.length > 0);
  const listed = needing.slice(0, LISTED_ROWS);
  return (
    <section aria-labelledby="import-report">
      <h2 id="import-report">{report.dryRun ? '檢查結果' : '匯入結果'}</h2>
      <p>
        工作表「{report.file.sheet}」共 {report.file.rows.toLocaleString('zh-TW')} 列：
        {(Object.keys(OUTCOMES) as ImportRowReport['outcome'][])
          .filter((o) => report.counts[o] > 0)
          .map((o) => `${OUTCOMES[o]} ${report.counts[o].toLocaleString('zh-TW')} 列`)
          .join('、')}
        。可匯入的是 {toRoc(report.importBefore)} 以前受理的案件；此後的案件屬於本單位已使用本系統的統計期間，請直接登錄。
      </p>
      {listed.length > 0 && (
        <table>
          <caption>需要注意的列{needing.length > listed.length ? `（列出前 ${listed.length} 列，共 ${needing.length} 列）` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">列</th>
              <th scope="col">結果</th>
              <th scope="col">受理日期</th>
              <th scope="col">性質／類別</th>
              <th scope="col">說明</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((r) => (
              <tr key={r.row} className={r.outcome === 'refused' ? 'overdue' : undefined}>
                <td>{r.row}</td>
                <td>{OUTCOMES[r.outcome]}</td>
                <td>{r.receivedOn ? toRoc(r.receivedOn) : '—'}</td>
                <td>{r.nature ? `${NATURES[r.nature]}／${r.category ? categoryLabel(r.category) : '—'}` : '—'}</td>
                <td>{[...r.problems, ...r.notes].map((p) => p.message).join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * 匯入過去的工作紀錄: the supervisor picks a spreadsheet, sees every row checked, then imports it (or only the
 * rows that passed). Nothing is recorded by the check.
 */
export function ImportRecords() {
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [validRowsOnly, setValidRowsOnly] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? '檢查中，請稍候…' : '匯入中，請稍候…');
    setError(null);
    const form = new FormData();
    form.append('file', file);
    // While the request runs, the screen asks how far it is (the server knows it by this id). A page served
    // without TLS has no randomUUID: it then shows that it is working, without counts.
    const progressId = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : null;
    const poll = setInterval(() => {
      if (!progressId) return;
      api<ImportProgress>(`/imports/records/progress/${progressId}`).then(
        (p) => setProgress(p.total > 0 ? p : null),
        () => undefined,
      );
    }, PROGRESS_POLL_MS);
    try {
      const query = `dryRun=${dryRun}${!dryRun && validRowsOnly ? '&validRowsOnly=true' : ''}`;
      const answer = await api<ImportReport>(`/imports/records?${query}`, { method: 'POST', body: form, headers: progressId ? { 'X-Import-Progress': progressId } : {} });
      setReport(answer);
      if (!dryRun) announce(`已匯入 ${answer.counts.imported.toLocaleString('zh-TW')} 案${answer.counts.already_imported ? `，${answer.counts.already_imported.toLocaleString('zh-TW')} 案先前已匯入` : ''}。`);
    } catch (failure) {
      const details = failure instanceof ApiError ? (failure.problem.details as ImportReport | undefined) : undefined;
      if (details && 'rows' in details) setReport(details);
      setError(messageOf(failure));
    } finally {
      clearInterval(poll);
      setProgress(null);
      setBusy(null);
    }
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    setReport(null);
    void send(true);
  };
  const template = (format: 'ods' | 'xlsx') => void saveDocument(`/imports/records/template.${format}`).catch((failure) => setError(messageOf(failure)));
  const exportAll = () => {
    setBusy('匯出中，請稍候…');
    setError(null);
    saveDocument(`/units/${me.unitId}/export`)
      .then((name) => announce(`已匯出：${name}`))
      .catch((failure) => setError(messageOf(failure)))
      .finally(() => setBusy(null));
  };
  const checked = report?.dryRun === true;
  const importable = checked && report.counts.to_import > 0;

  return (
    <main aria-busy={busy !== null}>
      <h1>匯入與匯出</h1>
      <h2>匯入過去的工作紀錄</h2>
      <p>
        將本單位過去以紙本或試算表保存的村里廉政平臺工作紀錄表（附件1）匯入，每列一案。請先下載範本，依欄位填寫；類別可留空（匯入後為「未分類」）。匯入的案件標示「匯入」，計入儀表板、地圖、清單及熱點，不會改變任何應報或已報送的彙報表。
      </p>
      <div className="action-list">
        <button type="button" onClick={() => template('ods')}>
          下載 ODS 範本
        </button>
        <button type="button" onClick={() => template('xlsx')}>
          下載 XLSX 範本
        </button>
      </div>
      <form onSubmit={check} className="action-list">
        <label>
          工作紀錄檔案（ODS、XLSX 或 UTF-8 編碼的 CSV）
          <input
            type="file"
            accept=".ods,.xlsx,.csv,application/vnd.oasis.opendocument.spreadsheet,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
        </label>
        <button type="submit" disabled={!file || busy !== null}>
          檢查檔案
        </button>
      </form>
      {busy && <p role="status">{busy}</p>}
      {busy && progress && (
        <p>
          <label>
            {progress.stage === 'record' ? '匯入進度' : '檢查進度'}
            <progress value={progress.done} max={progress.total} />
          </label>
          {progress.done.toLocaleString('zh-TW')} / {progress.total.toLocaleString('zh-TW')} {progress.stage === 'record' ? '案' : '列'}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && <ReportView report={report} />}
      {importable && (
        <div className="action-list">
          {report.counts.refused > 0 && (
            <label>
              <input type="checkbox" checked={validRowsOnly} onChange={(e) => setValidRowsOnly(e.target.checked)} />
              只匯入通過檢查的 {report.counts.to_import.toLocaleString('zh-TW')} 列（未通過的 {report.counts.refused.toLocaleString('zh-TW')} 列不匯入）
            </label>
          )}
          <button type="button" disabled={busy !== null || (report.counts.refused > 0 && !validRowsOnly)} onClick={() => void send(false)}>
            確認匯入 {report.counts.to_import.toLocaleString('zh-TW')} 案
          </button>
        </div>
      )}
      {report && !report.dryRun && report.counts.imported > 0 && (
        <p>
          <Link to="/cases">到案件清單查看匯入的案件</Link>
        </p>
      )}
      <section aria-labelledby="unit-export">
        <h2 id="unit-export">匯出本單位全部資料</h2>
        <p>
          以開放格式（ODF）下載本單位的全部資料（ZIP）：所有案件（ODS，欄位同匯入範本，含反映者個人資料，每案的調閱均記錄於個人資料調閱紀錄）、各期彙報表及細部計畫（ODT 及
          PDF），以及本單位的完整歷程紀錄與稽核檢查點；解壓縮後，可於離線時以 <code>npm run audit:verify -- --export</code> 加上該目錄驗證未經竄改。
        </p>
        <button type="button" disabled={busy !== null} onClick={exportAll}>
          匯出本單位全部資料
        </button>
      </section>
    </main>
  );
}
