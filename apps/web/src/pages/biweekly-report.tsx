import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, messageOf, saveDocument } from '../api';
import { CreateForm } from '../components/create-form';
import { announce } from '../components/status';
import { UnitChoice, useEthicsUnits } from '../components/unit-choice';
import { rocInstant, toRoc, ROC_DATE_HINT } from '../roc-date';
import { useLocation } from '../router';
import { can, useMe } from '../session';
import { REPORT_STATUSES as STATUS } from '../vocabulary';
import type { BiweeklyReport, CorrectionDue, ReportChange, ReportRow, ReportVersion, SubmissionRow } from '../api-answers';

interface Period {
  start: string;
  end: string;
  rocPeriod: string;
}

/** 民情需求事項由2案更正為3案（增列115-0042） */
const changeText = (c: ReportChange) => {
  const cases = [c.addedCases.length ? `增列${c.addedCases.join('、')}` : '', c.removedCases.length ? `刪除${c.removedCases.join('、')}` : ''].filter(Boolean).join('，');
  return `${c.title}由${c.before}案變為${c.after}案${cases ? `（${cases}）` : ''}`;
};

const CORRECTION_STATES = { due: '待擬具', drafted: '擬稿中，待首長核定', approved: '已核定，待報送' } as const;

/** 首長115/11/24核定, or the paper's 文號 when the unit recorded it; then when it went to the AAC. */
function approvalLine(v: ReportVersion): string {
  const a = v.approval;
  const approved = !a ? '尚待首長核定' : a.onBehalf ? `首長 ${toRoc(a.onBehalf.decidedOn)} 紙本核定（${a.onBehalf.documentNo}）` : `首長 ${rocInstant(a.approvedAt)} 核定`;
  const s = v.submission;
  const submitted = !s ? '尚未報送' : `${toRoc(s.submittedOn)} 報送廉政署${s.late ? `（逾期${s.daysLate}日）` : ''}`;
  return `${approved}；${submitted}`;
}

/** For the officers: the periods whose facts changed after submission, or whose correction is on its way (更正待辦). */
export function CorrectionsDue({ onChoose }: { onChoose: (periodStart: string) => void }) {
  const [items, setItems] = useState<CorrectionDue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api<{ items: CorrectionDue[] }>('/reports/corrections').then((r) => setItems(r.items), (e) => setError(messageOf(e))), []);
  if (error) return <p className="error" role="alert">更正待辦無法載入：{error}</p>;
  if (!items || items.length === 0) return null;
  return (
    <section aria-label="更正待辦" className="corrections-due">
      <h2>更正待辦</h2>
      <ul>
        {items.map((c) => (
          <li key={c.periodStart}>
            <strong>{c.rocPeriod}</strong>（更正{c.version}，{CORRECTION_STATES[c.state]}）：{c.changes.map(changeText).join('；')}{' '}
            <button type="button" className="secondary" onClick={() => onChoose(c.periodStart)}>
              開啟此期彙報表
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** For the AAC: every ethics unit that owes the chosen period, its due date, whether and how late it was submitted, and the version read. */
function Roster({ periodStart }: { periodStart: string }) {
  const [items, setItems] = useState<SubmissionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(null);
    void api<{ items: SubmissionRow[] }>(`/reports/submissions?periodStart=${periodStart}`).then((r) => setItems(r.items), (e) => setError(messageOf(e)));
  }, [periodStart]);
  return (
    <section aria-label="報送情形">
      <h2>各機關報送情形</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {items === null && !error && <p aria-busy="true">載入中…</p>}
      {items && items.length === 0 && <p>本期沒有應報送的政風機構。</p>}
      {items && items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">政風機構</th>
              <th scope="col">狀態</th>
              <th scope="col">報送期限</th>
              <th scope="col">報送日期</th>
              <th scope="col">逾期日數</th>
              <th scope="col">首長核定</th>
              <th scope="col">現行版本</th>
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
                <td>{toRoc(s.dueOn)}</td>
                <td>{s.submittedOn ? toRoc(s.submittedOn) : '—'}</td>
                <td>{s.daysLate > 0 ? `${s.daysLate}日` : '—'}</td>
                <td>{s.approver === null ? '—' : s.approvedOnBehalf ? `紙本核定（${s.approvedOnBehalf.documentNo}，${toRoc(s.approvedOnBehalf.decidedOn)}）` : '首長核定'}</td>
                <td>
                  {s.currentVersion ?? '—'}
                  {s.hash && <code title="內容雜湊（SHA-256）">{` ${s.hash.slice(0, 12)}…`}</code>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** For the AAC: how many working days after its period a report is due, for every unit. */
function DueRule() {
  const [days, setDays] = useState<number | null>(null);
  const load = useCallback(() => void api<{ workingDays: number }>('/reports/due-rule').then((r) => setDays(r.workingDays), () => setDays(null)), []);
  useEffect(load, [load]);
  return (
    <section aria-label="報送期限規則">
      <h2>報送期限規則</h2>
      <p>{days === null ? '載入中…' : `各機關應於統計期間屆滿後 ${days} 個工作日內報送（依政府行政機關辦公日曆表計算）。`}</p>
      <CreateForm
        path="/reports/due-rule"
        title="變更報送期限"
        heading="h3"
        fields={[{ name: 'workingDays', label: '報送期限之工作日數（1至30）' }]}
        shape={({ workingDays }) => ({ workingDays: Number(workingDays) })}
        method="PUT"
        onCreated={load}
      />
    </section>
  );
}

/** Attachment 2: preview a period, draft, approve (the head signs exactly what is shown), submit, correct, download; the AAC reads what was submitted. */
export function BiweeklyReport() {
  const me = useMe();
  const aac = me.roles.includes('aac_auditor');
  const [periods, setPeriods] = useState<Period[]>([]);
  // `?periodStart=` opens a period directly (the inbox's 更正待辦 links here).
  const asked = useLocation().searchParams.get('periodStart');
  const [start, setStart] = useState<string | null>(asked);
  useEffect(() => {
    if (asked) setStart(asked);
  }, [asked]);
  const units = useEthicsUnits(aac);
  const [chosen, setChosen] = useState<string | null>(null);
  const unitId = chosen ?? units[0]?.id ?? null;
  const [view, setView] = useState<BiweeklyReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const forUnit = aac && unitId ? `&unitId=${unitId}` : '';

  useEffect(() => {
    api<{ items: Period[] }>('/reports/periods').then(
      (r) => {
        setPeriods(r.items);
        setStart((given) => given ?? r.items[1]?.start ?? r.items[0]?.start ?? null);
      },
      (e) => setLoadError(messageOf(e)),
    );
  }, []);
  const load = useCallback(() => {
    setView(null);
    setLoadError(null);
    if (start && (!aac || unitId)) api<BiweeklyReport>(`/reports/biweekly?periodStart=${start}${forUnit}`).then(setView, (e) => setLoadError(messageOf(e)));
  }, [start, aac, unitId, forUnit]);
  useEffect(load, [load]);

  const [busy, setBusy] = useState(false);
  const STEP_DONE: Record<string, string> = { draft: '已擬稿', approve: '已核定', submit: '已報送廉政署' };
  const step = async (verb: string, body: object = {}) => {
    if (verb === 'submit' && !window.confirm('報送廉政署後，本版本即不能修改（之後的資料異動列為更正）。確定報送？')) return;
    setBusy(true);
    try {
      await api(`/reports/biweekly/${start}/${verb}`, { method: 'POST', body });
      setError(null);
      announce(STEP_DONE[verb]);
      load();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { error: 'UNEXPECTED', message: messageOf(e) }));
    } finally {
      setBusy(false);
    }
  };
  const download = async (format: string) => {
    try {
      announce(`已下載${await saveDocument(`/reports/biweekly/${start}/export?format=${format}${forUnit}`)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { error: 'UNEXPECTED', message: messageOf(e) }));
    }
  };

  const current = view?.current ?? null;
  const handles = can.handle(me);
  const changed = (view?.pendingChanges.length ?? 0) > 0;
  const draftLabel = !current ? '擬稿' : current.status === 'submitted' ? `擬具更正${current.version + 1}` : '重新擬稿';
  const mayDraft = handles && view !== null && view.ended && (!current || (changed && current.status !== 'approved'));
  return (
    <main>
      <h1>工作成果彙報表</h1>
      {!aac && handles && <CorrectionsDue key={view?.current?.status ?? ''} onChoose={setStart} />}
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
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      {view && (
        <section aria-label="彙報表">
          <h2>{view.title}</h2>
          <p>
            【資料統計期間：{view.rocPeriod}】 狀態：<strong>{STATUS[view.status]}</strong>
            {current && `（${current.label}）`}，報送期限：{toRoc(view.dueOn)}
            {!view.owed && '（本機關開始使用前之期間，無須報送）'}
          </p>
          {!view.ended && !aac && <p role="note">統計期間尚未屆滿，以下為目前的統計；期滿後始得擬稿、陳首長核定及報送。</p>}
          {view.correctionPending && (
            <p className="notice" role="note">
              <strong>更正待辦：</strong>
              {current && current.version > 0 && current.status !== 'submitted'
                ? `${current.label}${current.status === 'drafted' ? '待首長核定' : '已核定，待報送廉政署'}。`
                : `報送後資料已有異動（${view.pendingChanges.map(changeText).join('；')}），請擬具更正，陳首長核定後再報送。`}
            </p>
          )}
          {changed && current && current.status !== 'submitted' && (
            <p className="notice" role="note">
              擬稿後資料已有異動（{view.pendingChanges.map(changeText).join('；')}），請重新擬稿後再陳核。
            </p>
          )}
          {aac && !current && <p>本機關尚未報送本期彙報表。</p>}
          {(!aac || current) && (
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
                      {row.summary}
                      <span className="count">（計{row.count}案）。</span>
                    </td>
                    <td>{row.opinions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="buttons">
            {mayDraft && (
              <button disabled={busy} onClick={() => step('draft')}>
                {draftLabel}
              </button>
            )}
            {can.isHead(me) && current?.status === 'drafted' && (
              <button disabled={busy} onClick={() => step('approve', { hash: current.hash })}>
                核定{current.version > 0 ? current.label : ''}
              </button>
            )}
            {can.submitReport(me) && current?.status === 'approved' && (
              <button disabled={busy} onClick={() => step('submit')}>
                報送廉政署
              </button>
            )}
            {(!aac || current) && (
              <>
                <button onClick={() => download('odt')}>下載 ODT</button>
                <button onClick={() => download('pdf')}>下載 PDF</button>
                <button onClick={() => download('csv')}>下載 CSV</button>
              </>
            )}
          </div>
          {error && (
            <div className="error" role="alert">
              <p>{error.message}</p>
              {error.problem.error === 'REPORT_STALE' && handles && (
                <button type="button" disabled={busy} onClick={() => step('draft')}>
                  依最新資料重新擬稿
                </button>
              )}
              {error.problem.error === 'REPORT_STALE' && !handles && (
                <button type="button" className="secondary" onClick={load}>
                  重新載入彙報表
                </button>
              )}
            </div>
          )}
          {current?.status === 'drafted' && can.recordHeadDecision(me) && !can.isHead(me) && (
            <CreateForm
              path={`/reports/biweekly/${start}/approve`}
              title={`登錄首長紙本核定${current.version > 0 ? `（${current.label}）` : ''}`}
              fields={[
                { name: 'documentNo', label: '首長簽核文號' },
                { name: 'decidedOn', label: `首長簽核日期（${ROC_DATE_HINT}）`, kind: 'roc-date' },
                { name: 'note', label: '備註', kind: 'textarea', optional: true },
              ]}
              onCreated={load}
            />
          )}
          {current?.status === 'drafted' && handles && (
            <EditTexts
              key={current.hash}
              rows={current.rows}
              onSave={async (rows) => {
                await api(`/reports/biweekly/${start}/edit`, { method: 'POST', body: { rows } });
                announce('彙報表文字已儲存');
                load();
              }}
            />
          )}
          {view.versions.length > 0 && (
            <section aria-label="版本與核定">
              <h3>版本與核定</h3>
              <ul className="versions">
                {view.versions.map((v) => (
                  <li key={v.version}>
                    <strong>{v.label}</strong>
                    {v.changes.length > 0 && `（${v.changes.map(changeText).join('；')}）`}：{approvalLine(v)}
                    {v.approval?.hash && (
                      <>
                        <br />
                        <small>
                          內容雜湊（SHA-256）：<code>{v.approval.hash}</code>
                          {v.approval.hash !== v.hash && <strong className="error">（與目前內容不符）</strong>}
                        </small>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </section>
      )}
      {aac && start && <Roster periodStart={start} />}
      {aac && <DueRule />}
    </main>
  );
}

/** The officer rewrites the content summaries and handling opinions; the counts stay as counted and are printed by the system. */
function EditTexts({ rows, onSave }: { rows: ReportRow[]; onSave: (rows: { kind: string; summary: string; opinions: string }[]) => Promise<void> }) {
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
          (e) => setError(messageOf(e)),
        );
      }}
    >
      <h3>編輯彙報表文字</h3>
      {texts.map((text, i) => (
        <fieldset key={text.kind}>
          <legend>
            {rows[i].title}（計{rows[i].count}案，由系統列印）
          </legend>
          <label htmlFor={`summary-${text.kind}`}>內容摘要</label>
          <textarea id={`summary-${text.kind}`} rows={3} value={text.summary} onChange={(e) => setTexts((all) => all.map((t, j) => (j === i ? { ...t, summary: e.target.value } : t)))} />
          <label htmlFor={`opinions-${text.kind}`}>處理意見</label>
          <textarea id={`opinions-${text.kind}`} rows={3} value={text.opinions} onChange={(e) => setTexts((all) => all.map((t, j) => (j === i ? { ...t, opinions: e.target.value } : t)))} />
        </fieldset>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">儲存文字</button>
    </form>
  );
}
