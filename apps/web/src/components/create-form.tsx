import { useContext, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { submitOrKeep } from '../offline/outbox';
import { useDraft } from '../offline/use-draft';
import { fromRoc } from '../roc-date';
import { MeContext } from '../session';
import { Field } from './field';
import { VillagePicker } from './village-picker';
import { announce } from './status';

export interface ActionField {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'roc-date' | 'list' | 'password' | 'village';
  options?: Record<string, string>;
  optional?: boolean;
  initial?: string;
}

/** What is wrong with a typed ROC date, said as the person leaves the field; nothing when it is empty or a date. */
const dateProblem = (text: string): string | undefined => (text.trim() === '' || fromRoc(text) ? undefined : '請以民國年月日填寫，例如 115/11/27 或 115年11月27日。');

/** A form that sends one POST and reports the API's refusals beside their fields. */
export function CreateForm({
  path,
  title,
  fields,
  shape,
  apiFields = {},
  heading = 'h2',
  confirm,
  method = 'POST',
  offline,
  onCreated,
}: {
  path: string;
  title: string;
  fields: ActionField[];
  shape?: (values: Record<string, unknown>) => unknown;
  /** The API's name for a field the form names differently (contactPhone is contact.phone). */
  apiFields?: Record<string, string>;
  heading?: 'h2' | 'h3';
  /** Asked before sending what cannot be undone. */
  confirm?: string;
  /** PUT for a setting that replaces the one before. */
  method?: 'POST' | 'PUT';
  /** Recorded in the field (outreach, promotion): without a connection it is kept on the device and sent later. */
  offline?: { form: string; route: string };
  onCreated: () => void;
}) {
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? (f.kind === 'select' ? Object.keys(f.options ?? {})[0] : '')]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = (name: string) => `${path.replace(/\W/g, '')}-${name}`;
  const me = useContext(MeContext);
  // Typing is kept as a draft, passwords excepted (an initial password typed in clear too): never written to the device.
  const secret = new Set(fields.filter((f) => f.kind === 'password' || /password/i.test(f.name)).map((f) => f.name));
  const typed = Object.fromEntries(Object.entries(values).filter(([name]) => !secret.has(name)));
  const draft = useDraft(me ? (offline?.form ?? `${method} ${path} ${title}`) : null, typed, (kept) => setValues((v) => ({ ...v, ...kept })));

  const [attempts, setAttempts] = useState(0);
  // After a refused submission the first field refused takes the focus, so the person starts where the problem is.
  useEffect(() => {
    if (attempts > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts, error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // What the form can tell by itself is said beside the field, before anything is sent.
    const local: Record<string, string | undefined> = {};
    for (const field of fields) {
      const value = values[field.name].trim();
      if (value === '' && !field.optional && field.kind !== 'select') local[field.name] = '此欄必填。';
      else if (field.kind === 'roc-date' && dateProblem(value)) local[field.name] = dateProblem(value) as string;
    }
    setMissing(local);
    if (Object.keys(local).length > 0) return setAttempts((n) => n + 1);
    if (confirm && !window.confirm(confirm)) return;
    const body: Record<string, unknown> = {};
    for (const field of fields) {
      const value = values[field.name].trim();
      if (value === '' && field.optional) continue;
      body[field.name] = field.kind === 'roc-date' ? (fromRoc(value) ?? value) : field.kind === 'list' ? value.split(/[、,，]/).map((v) => v.trim()).filter(Boolean) : /^\d+$/.test(value) && field.name.match(/quantity|participants/) ? Number(value) : value;
    }
    setBusy(true);
    try {
      const sent = shape ? shape(body) : body;
      const outcome = offline && me ? await submitOrKeep({ userId: me.userId, title, form: offline.form, route: offline.route }, path, sent, typed) : { sent: await api(path, { method, body: sent }) };
      await draft.clear();
      setValues(initial());
      setError(null);
      if ('queued' in outcome) return announce(`無法連線，「${title}」已加密暫存於本裝置，連線後自動送出。`);
      announce(`已完成：${title}`);
      onCreated();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
      setAttempts((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="action" onSubmit={submit} aria-label={title} ref={form}>
      {heading === 'h2' ? <h2>{title}</h2> : <h3>{title}</h3>}
      {fields.map((field) => (
        <Field key={field.name} id={id(field.name)} label={field.label} error={missing[field.name] ?? error?.forField(apiFields[field.name] ?? field.name)}>
          {field.kind === 'village' ? (
            <VillagePicker
              id={id(field.name)}
              value={values[field.name]}
              onChange={(code) => {
                setValues((v) => ({ ...v, [field.name]: code }));
                setMissing((m) => ({ ...m, [field.name]: undefined }));
              }}
            />
          ) : field.kind === 'select' ? (
            <select id={id(field.name)} value={values[field.name]} onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}>
              {Object.entries(field.options ?? {}).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          ) : field.kind === 'textarea' ? (
            <textarea id={id(field.name)} rows={3} value={values[field.name]} onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))} />
          ) : (
            <input
              id={id(field.name)}
              type={field.kind === 'password' ? 'password' : undefined}
              value={values[field.name]}
              onChange={(e) => {
                setValues((v) => ({ ...v, [field.name]: e.target.value }));
                // A field being corrected stops saying what was wrong with it.
                setMissing((m) => ({ ...m, [field.name]: undefined }));
              }}
              onBlur={field.kind === 'roc-date' ? (e) => dateProblem(e.target.value) && setMissing((m) => ({ ...m, [field.name]: dateProblem(e.target.value) })) : undefined}
            />
          )}
        </Field>
      ))}
      {error && !fields.some((f) => error.forField(apiFields[f.name] ?? f.name)) && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" disabled={busy} aria-busy={busy}>
        {busy ? '處理中…' : title}
      </button>
    </form>
  );
}
