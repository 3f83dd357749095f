import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, documentBlob } from '../api';
import { CreateForm } from '../components/create-form';
import { announce } from '../components/status';
import { UnitChoice, useEthicsUnits } from '../components/unit-choice';
import { toRoc, ROC_DATE_HINT } from '../roc-date';
import { can, useMe } from '../session';
import { REPORT_STATUSES as STATUS } from '../vocabulary';

interface Period {
  start: string;
  end: string;
  rocPeriod: string;
}

interface ReportView {
  title: string;
  rocPeriod: string;
  status: string;
  rows: { kind: string; title: string; count: number; summary: string; opinions: string }[];
}


interface Submission {
  unitId: string;
  unitName: string;
  status: string;
  submittedOn: string | null;
  late: boolean;
  approver: string | null;
  approvedOnBehalf: { documentNo: string; decidedOn: string } | null;
}

/** For the AAC: every ethics unit for the chosen period, submitted or not, on time or late, and how it was approved. */
function Roster({ periodStart }: { periodStart: string }) {
  const [items, setItems] = useState<Submission[]>([]);
  useEffect(() => void api<{ items: Submission[] }>(`/reports/submissions?periodStart=${periodStart}`).then((r) => setItems(r.items)), [periodStart]);
  return (
    <section aria-label="報送情形">
      <h2>各機關報送情形</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">政風機構</th>
            <th scope="col">狀態</th>
            <th scope="col">報送日期</th>
            <th scope="col">首長核定</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.unitId} className={s.late ? 'overdue' : undefined}>
              <td>{s.unitName}</td>
              <td>
                {STATUS[s.status]}
                {s.late ? '（逾期）' : ''}
              </td>
              <td>{s.submittedOn ? toRoc(s.submittedOn) : '—'}</td>
              <td>{s.approver === null ? '—' : s.approvedOnBehalf ? `紙本核定（${s.approvedOnBehalf.documentNo}，${toRoc(s.approvedOnBehalf.decidedOn)}）` : '首長核定'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Attachment 2: preview a period, draft, approve, submit, download; the AAC reads any unit's and the roster. */
export function BiweeklyReport() {
  const me = useMe();
  const aac = me.roles.includes('aac_auditor');
  const [periods, setPeriods] = useState<Period[]>([]);
  const [start, setStart] = useState<string | null>(null);
  const units = useEthicsUnits(aac);
  const [chosen, setChosen] = useState<string | null>(null);
  const unitId = chosen ?? units[0]?.id ?? null;
  const [view, setView] = useState<ReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const forUnit = aac && unitId ? `&unitId=${unitId}` : '';

  useEffect(() => {
    api<{ items: Period[] }>('/reports/periods').then((r) => {
      setPeriods(r.items);
      setStart(r.items[1]?.start ?? r.items[0]?.start ?? null);
    });
  }, []);
  const load = useCallback(() => {
    setView(null);
    if (start && (!aac || unitId)) api<ReportView>(`/reports/biweekly?periodStart=${start}${forUnit}`).then(setView, (e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [start, aac, unitId, forUnit]);
  useEffect(load, [load]);

  const [busy, setBusy] = useState(false);
  const STEP_DONE: Record<string, string> = { draft: '已擬稿', approve: '已核定', submit: '已報送廉政署' };
  const step = async (verb: string) => {
    if (verb === 'submit' && !window.confirm('報送廉政署後，彙報表即不能修改（之後的資料列為更正）。確定報送？')) return;
    setBusy(true);
    try {
      await api(`/reports/biweekly/${start}/${verb}`, { method: 'POST', body: {} });
      setError(null);
      announce(STEP_DONE[verb]);
      load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const download = async (format: string) => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await documentBlob(`/reports/biweekly/${start}/export?format=${format}${forUnit}`));
    link.download = `biweekly-report-${start}.${format}`;
    link.click();
  };

  return (
    <main>
      <h1>工作成果彙報表</h1>
      {aac && <UnitChoice units={units} value={unitId} onChange={setChosen} />}
      <label>
        統計期間
        <select value={start ?? ''} onChange={(e) => setStart(e.target.value)}>
          {periods.map((p) => (
            <option key={p.start} value={p.start}>
              {p.rocPeriod}
            </option>
          ))}
        </select>
      </label>
      {view && (
        <section aria-label="彙報表">
          <h2>{view.title}</h2>
          <p>
            【資料統計期間：{view.rocPeriod}】 狀態：<strong>{STATUS[view.status]}</strong>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">項次</th>
                <th scope="col">實施方式</th>
                <th scope="col">內容摘要</th>
                <th scope="col">處理意見</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row, i) => (
                <tr key={row.kind}>
                  <td>{i + 1}</td>
                  <td>{row.title}</td>
                  <td>
                    {row.summary} <span className="count">計{row.count}案</span>
                  </td>
                  <td>{row.opinions}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="buttons">
            {can.handle(me) && view.status === 'not_drafted' && <button disabled={busy} onClick={() => step('draft')}>擬稿</button>}
            {can.isHead(me) && view.status === 'drafted' && <button disabled={busy} onClick={() => step('approve')}>核定</button>}
            {can.submitReport(me) && view.status === 'approved' && <button disabled={busy} onClick={() => step('submit')}>報送廉政署</button>}
            <button onClick={() => download('odt')}>下載 ODT</button>
            <button onClick={() => download('pdf')}>下載 PDF</button>
            <button onClick={() => download('csv')}>下載 CSV</button>
          </div>
          {error && <p className="error" role="alert">{error}</p>}
          {view.status === 'drafted' && can.recordHeadDecision(me) && !can.isHead(me) && (
            <CreateForm
              path={`/reports/biweekly/${start}/approve`}
              title="登錄首長紙本核定"
              fields={[
                { name: 'documentNo', label: '首長簽核文號' },
                { name: 'decidedOn', label: `首長簽核日期（${ROC_DATE_HINT}）`, kind: 'roc-date' },
                { name: 'note', label: '備註', kind: 'textarea', optional: true },
              ]}
              onCreated={load}
            />
          )}
          {view.status === 'drafted' && me.roles.some((r) => ['ethics_officer', 'supervisor'].includes(r)) && (
            <EditTexts rows={view.rows} onSave={async (rows) => { await api(`/reports/biweekly/${start}/edit`, { method: 'POST', body: { rows } }); load(); }} />
          )}
        </section>
      )}
      {aac && start && <Roster periodStart={start} />}
    </main>
  );
}

/** The officer rewrites the content summaries and handling opinions; the counts stay as counted. */
function EditTexts({ rows, onSave }: { rows: ReportView['rows']; onSave: (rows: { kind: string; summary: string; opinions: string }[]) => Promise<void> }) {
  const [texts, setTexts] = useState(() => rows.map(({ kind, summary, opinions }) => ({ kind, summary, opinions })));
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="action"
      aria-label="編輯彙報表文字"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(texts).then(
          () => setError(null),
          (e) => setError(e instanceof ApiError ? e.message : String(e)),
        );
      }}
    >
      <h3>編輯彙報表文字</h3>
      {texts.map((text, i) => (
        <fieldset key={text.kind}>
          <legend>{rows[i].title}</legend>
          <label htmlFor={`summary-${text.kind}`}>內容摘要</label>
          <textarea id={`summary-${text.kind}`} rows={3} value={text.summary} onChange={(e) => setTexts((all) => all.map((t, j) => (j === i ? { ...t, summary: e.target.value } : t)))} />
          <label htmlFor={`opinions-${text.kind}`}>處理意見</label>
          <textarea id={`opinions-${text.kind}`} rows={2} value={text.opinions} onChange={(e) => setTexts((all) => all.map((t, j) => (j === i ? { ...t, opinions: e.target.value } : t)))} />
        </fieldset>
      ))}
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit">儲存文字</button>
    </form>
  );
}
