import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, messageOf, saveDocument } from '../api';
import { announce } from '../components/status';
import { CreateForm } from '../components/create-form';
import { Field } from '../components/field';
import { UnitChoice, useEthicsUnits } from '../components/unit-choice';
import { fromRoc, toRoc, ROC_DATE_HINT } from '../roc-date';
import { can, useMe } from '../session';
import { TASK_FORCE_ROLES, THEMES } from '../vocabulary';
import type { ScheduledVisit } from '../api-answers';

interface Site {
  id: string;
  name: string;
  county: string;
  township: string;
  contact: { name: string | null } | null;
}

interface TaskForceMember {
  name: string;
  role: string;
  userId?: string | null;
}

export interface Plan {
  id: string;
  title: string;
  state: 'draft' | 'in_force' | 'superseded';
  validFrom: string;
  validTo: string;
  sites: { siteId: string; visitEveryDays: number }[];
  themes: string[];
  taskForce: TaskForceMember[];
  notes: string | null;
  revisions: number;
  approval: { approvedOn: string; onBehalf: { documentNo: string; decidedOn: string } | null } | null;
}

const STATES = { draft: '草案', in_force: '實施中', superseded: '已由新計畫取代' };

/** The visit schedule: overdue sites first, with visits held beside those planned. */
export function VisitTable({ items }: { items: ScheduledVisit[] }) {
  if (items.length === 0) return <p>沒有實施中的計畫，或計畫未列平臺地點。</p>;
  return (
    <table aria-label="造訪排程">
      <thead>
        <tr>
          <th>平臺地點</th>
          <th>平臺聯絡人</th>
          <th>造訪頻率</th>
          <th>上次造訪</th>
          <th>下次應造訪</th>
          <th>已造訪／應造訪次數</th>
        </tr>
      </thead>
      <tbody>
        {items.map((v) => (
          <tr key={v.siteId} className={v.overdue ? 'overdue' : undefined}>
            <td>{v.siteName ?? v.siteId}</td>
            <td>{v.contactName ?? '—'}</td>
            <td>每 {v.visitEveryDays} 日</td>
            <td>{v.lastVisitOn ? toRoc(v.lastVisitOn) : '尚未造訪'}</td>
            <td>
              {toRoc(v.nextDueOn)}
              {v.overdue && <strong className="overdue-flag">（逾期）</strong>}
            </td>
            <td>
              {v.visitsHeld}／{v.visitsPlanned}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Drafting or revising a plan: its period, the sites and how often each contact is visited, themes, task force. */
function PlanForm({ sites, plan, onSaved }: { sites: Site[]; plan: Plan | null; onSaved: () => void }) {
  const [title, setTitle] = useState(plan?.title ?? '');
  const [validFrom, setValidFrom] = useState(plan ? toRoc(plan.validFrom) : '');
  const [validTo, setValidTo] = useState(plan ? toRoc(plan.validTo) : '');
  const [every, setEvery] = useState<Record<string, string>>(() => Object.fromEntries((plan?.sites ?? []).map((s) => [s.siteId, String(s.visitEveryDays)])));
  const [themes, setThemes] = useState<string[]>(plan?.themes ?? []);
  const [members, setMembers] = useState<TaskForceMember[]>(plan?.taskForce ?? [{ name: '', role: 'ethics_officer' }]);
  const [notes, setNotes] = useState(plan?.notes ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const name = plan ? '修正計畫草案' : '擬訂細部實施計畫';
  const id = (field: string) => `${plan ? 'revise' : 'draft'}-${field}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const from = fromRoc(validFrom);
    const to = fromRoc(validTo);
    const checks: Record<string, string> = {};
    if (!title.trim()) checks.title = '此欄必填。';
    if (!from) checks.validFrom = '請以民國年月日填寫，例如 116/01/01。';
    if (!to) checks.validTo = '請以民國年月日填寫，例如 116/12/31。';
    const chosen = Object.entries(every).filter(([, days]) => days.trim() !== '');
    if (chosen.length === 0) checks.sites = '請至少列一個平臺地點及其造訪頻率。';
    setLocal(checks);
    if (Object.keys(checks).length > 0) return;
    const body = {
      title,
      validFrom: from,
      validTo: to,
      sites: chosen.map(([siteId, days]) => ({ siteId, visitEveryDays: Number(days) })),
      themes,
      taskForce: members.filter((m) => m.name.trim() !== '').map(({ name: member, role, userId }) => ({ name: member, role, ...(userId ? { userId } : {}) })),
      ...(notes.trim() ? { notes } : {}),
    };
    try {
      await api(plan ? `/plans/${plan.id}/revise` : '/plans', { method: 'POST', body });
      setError(null);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    }
  }

  const err = (field: string) => local[field] ?? error?.forField(field);
  return (
    <form className="action" aria-label={name} onSubmit={submit}>
      <h2>{name}</h2>
      <Field id={id('title')} label="計畫名稱" error={err('title')}>
        <input id={id('title')} value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field id={id('validFrom')} label={`實施期間起（${ROC_DATE_HINT}）`} error={err('validFrom')}>
        <input id={id('validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
      </Field>
      <Field id={id('validTo')} label={`實施期間迄（${ROC_DATE_HINT}）`} error={err('validTo')}>
        <input id={id('validTo')} value={validTo} onChange={(e) => setValidTo(e.target.value)} />
      </Field>
      <fieldset>
        <legend>平臺地點與造訪頻率（每幾日造訪平臺聯絡人；不列者留空）</legend>
        {sites.map((site) => (
          <Field key={site.id} id={id(`site-${site.id}`)} label={`${site.name}（${site.county}${site.township}）每幾日`} error={undefined}>
            <input id={id(`site-${site.id}`)} inputMode="numeric" value={every[site.id] ?? ''} onChange={(e) => setEvery((all) => ({ ...all, [site.id]: e.target.value }))} />
          </Field>
        ))}
        {sites.length === 0 && <p>請先於「地點與宣導」新增平臺地點。</p>}
        {err('sites') && (
          <p className="error" role="alert">
            {err('sites')}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>互動主題</legend>
        {Object.entries(THEMES).map(([theme, label]) => (
          <label key={theme} className="check">
            <input type="checkbox" checked={themes.includes(theme)} onChange={(e) => setThemes((all) => (e.target.checked ? [...all, theme] : all.filter((t) => t !== theme)))} /> {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>任務編組</legend>
        {members.map((member, i) => (
          <div key={i} className="member">
            <Field id={id(`member-${i}-name`)} label={`成員${i + 1}姓名`} error={error?.forField(`taskForce.${i}.name`)}>
              <input id={id(`member-${i}-name`)} value={member.name} onChange={(e) => setMembers((all) => all.map((m, j) => (j === i ? { ...m, name: e.target.value } : m)))} />
            </Field>
            <Field id={id(`member-${i}-role`)} label={`成員${i + 1}角色`}>
              <select id={id(`member-${i}-role`)} value={member.role} onChange={(e) => setMembers((all) => all.map((m, j) => (j === i ? { ...m, role: e.target.value } : m)))}>
                {Object.entries(TASK_FORCE_ROLES).map(([role, label]) => (
                  <option key={role} value={role}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        ))}
        <button type="button" onClick={() => setMembers((all) => [...all, { name: '', role: 'village_officer' }])}>
          新增成員
        </button>
      </fieldset>
      <Field id={id('notes')} label="備註" error={err('notes')}>
        <textarea id={id('notes')} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      {error && !Array.isArray(error.problem.details) && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit">{name}</button>
    </form>
  );
}

/** The unit's detailed implementation plan (村里廉政平臺細部實施計畫): drafts, the one in force, earlier ones, and the visit schedule. */
export function Plans() {
  const me = useMe();
  const aac = me.roles.includes('aac_auditor');
  const [plans, setPlans] = useState<Plan[]>([]);
  const [sites, setSites] = useState<Site[]>([]);
  const [visits, setVisits] = useState<ScheduledVisit[]>([]);
  const units = useEthicsUnits(aac);
  const [chosen, setChosen] = useState<string | null>(null);
  const unitId = chosen ?? units[0]?.id ?? null;
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    if (aac && !unitId) return;
    const ofUnit = aac ? `?unitId=${unitId}` : '';
    api<{ items: Plan[] }>(`/plans${ofUnit}`).then((r) => setPlans(r.items));
    api<{ items: Site[] }>('/sites').then((r) => setSites(r.items));
    api<{ items: ScheduledVisit[] }>(`/outreach/schedule${ofUnit}`).then((r) => setVisits(r.items));
  }, [aac, unitId]);
  useEffect(load, [load]);
  const siteName = (siteId: string) => sites.find((s) => s.id === siteId)?.name ?? siteId;

  const approveAsHead = async (plan: Plan) => {
    try {
      await api(`/plans/${plan.id}/approve`, { method: 'POST', body: {} });
      setError(null);
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const download = async (plan: Plan, format: string) => {
    try {
      announce(`已下載${await saveDocument(`/plans/${plan.id}/export?format=${format}`)}`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <main>
      <h1>細部實施計畫與造訪排程</h1>
      {aac && <UnitChoice units={units} value={unitId} onChange={setChosen} />}
      <section aria-label="造訪排程">
        <h2>造訪排程</h2>
        <VisitTable items={visits} />
      </section>
      <section aria-label="計畫">
        <h2>計畫</h2>
        {plans.length === 0 && <p>尚未擬訂計畫。</p>}
        {plans.map((plan) => (
          <article key={plan.id} className="plan" aria-label={plan.title}>
            <h3>
              {plan.title}（{STATES[plan.state]}）
            </h3>
            <p>
              實施期間 {toRoc(plan.validFrom)}–{toRoc(plan.validTo)}・平臺地點 {plan.sites.map((s) => `${siteName(s.siteId)}（每${s.visitEveryDays}日）`).join('、')}
            </p>
            <p>任務編組：{plan.taskForce.map((m) => `${m.name}（${TASK_FORCE_ROLES[m.role]}）`).join('、') || '無'}</p>
            {plan.approval && (
              <p>
                機關首長核定：{toRoc(plan.approval.approvedOn)}
                {plan.approval.onBehalf && `（${plan.approval.onBehalf.documentNo}，首長紙本核定，代為登錄）`}
              </p>
            )}
            <div className="buttons">
              <button type="button" onClick={() => download(plan, 'pdf')}>
                列印計畫（PDF）
              </button>
              <button type="button" onClick={() => download(plan, 'odt')}>
                下載 ODT
              </button>
              {plan.state === 'draft' && can.isHead(me) && (
                <button type="button" onClick={() => approveAsHead(plan)}>
                  核定計畫
                </button>
              )}
            </div>
            {plan.state === 'draft' && can.recordHeadDecision(me) && !can.isHead(me) && (
              <CreateForm
                path={`/plans/${plan.id}/approve`}
                title="登錄首長紙本核定計畫"
                heading="h3"
                fields={[
                  { name: 'documentNo', label: '首長簽核文號' },
                  { name: 'decidedOn', label: `首長簽核日期（${ROC_DATE_HINT}）`, kind: 'roc-date' },
                ]}
                onCreated={load}
              />
            )}
            {plan.state === 'draft' && can.handle(me) && <PlanForm sites={sites} plan={plan} onSaved={load} />}
          </article>
        ))}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
      {can.handle(me) && <PlanForm sites={sites} plan={null} onSaved={load} />}
    </main>
  );
}
