import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../api';
import { Field } from '../components/field';
import { toRoc } from '../roc-date';
import { useLocation } from '../router';
import type { CaseStatus } from '../api-answers';

/**
 * 案件進度查詢, for the citizen (no sign-in): the receipt code and the last four digits of the phone given (or the
 * slip's PIN) show the case's stage in plain words, and nothing else of it.
 */
export function CaseStatusPage() {
  const url = useLocation();
  const [code, setCode] = useState(url.searchParams.get('code') ?? '');
  const [withPin, setWithPin] = useState(false);
  const [proof, setProof] = useState('');
  const [status, setStatus] = useState<CaseStatus | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  async function look(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    if (!/^\d{4}$/.test(proof.trim())) return setError(new ApiError(400, { error: 'REQUIRED', message: '請輸入4位數字。', details: [{ field: 'proof', reason: withPin ? '請輸入收執聯上的4位數查詢密碼。' : '請輸入您留存電話號碼的末4碼。' }] }));
    setBusy(true);
    try {
      const query = new URLSearchParams({ code: code.trim(), [withPin ? 'pin' : 'phoneLast4']: proof.trim() });
      setStatus(await api<CaseStatus>(`/public/status?${query}`));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const refusal = error instanceof ApiError ? error : null;
  return (
    <>
      <header>
        <p className="brand">村里廉政平臺</p>
        <nav aria-label="公開網頁">
          <a href="/public">辦理成果</a>
          <a href="/">機關同仁登入</a>
        </nav>
      </header>
      <main className="narrow">
        <h1>案件進度查詢</h1>
        <p>請輸入收執聯上的代碼，以及您留存電話號碼的末4碼；未留電話者，請輸入收執聯上的查詢密碼。</p>
        <form onSubmit={look} aria-label="案件進度查詢" noValidate>
          <Field id="status-code" label="收執聯代碼" hint="例如 7K3Q-9XMD-2R，大小寫皆可" error={refusal?.forField('code')}>
            <input id="status-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" autoCapitalize="characters" spellCheck={false} />
          </Field>
          <fieldset>
            <legend>驗證方式</legend>
            <label>
              <input type="radio" name="check" checked={!withPin} onChange={() => setWithPin(false)} /> 電話號碼末4碼
            </label>
            <label>
              <input type="radio" name="check" checked={withPin} onChange={() => setWithPin(true)} /> 收執聯上的查詢密碼
            </label>
          </fieldset>
          <Field id="status-proof" label={withPin ? '查詢密碼（4位數）' : '電話號碼末4碼'} error={refusal?.forField('proof') ?? refusal?.forField('phoneLast4') ?? refusal?.forField('pin')}>
            <input id="status-proof" inputMode="numeric" maxLength={4} value={proof} onChange={(e) => setProof(e.target.value)} autoComplete="off" />
          </Field>
          <button type="submit" disabled={busy} aria-busy={busy}>
            {busy ? '查詢中…' : '查詢'}
          </button>
        </form>
        {error && !(refusal && Array.isArray(refusal.problem.details) && refusal.problem.details.length > 0) && (
          <p className="error" role="alert">
            {typeof error === 'string' ? error : error.message}
          </p>
        )}
        {status && (
          <section aria-label="查詢結果" className="case-status">
            <h2>辦理進度：{status.stageLabel}</h2>
            <dl className="facts">
              <dt>受理日期</dt>
              <dd>{toRoc(status.receivedOn)}</dd>
              {status.agency && (
                <>
                  <dt>函請參處機關</dt>
                  <dd>
                    {status.agency}
                    {status.letterOn && `（${toRoc(status.letterOn)}${status.letterNo ? ` ${status.letterNo}` : ''}函）`}
                  </dd>
                </>
              )}
              {status.replyDueOn && (
                <>
                  <dt>預定回復期限</dt>
                  <dd>{toRoc(status.replyDueOn)}</dd>
                </>
              )}
              {status.extension && (
                <>
                  <dt>展延</dt>
                  <dd>
                    回復期限展延至 {toRoc(status.extension.newDueOn)}
                    {status.extension.reason && `：${status.extension.reason}`}
                  </dd>
                </>
              )}
              {status.publishedResult && (
                <>
                  <dt>公布之辦理成果</dt>
                  <dd>{status.publishedResult}</dd>
                </>
              )}
            </dl>
          </section>
        )}
      </main>
    </>
  );
}
