import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { fromRoc } from '../roc-date';
import { Field } from './field';

export interface ActionField {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'roc-date' | 'list';
  options?: Record<string, string>;
  optional?: boolean;
  initial?: string;
}

/** One step of a case's life as a small form; the API's refusal shows beside the field it names. */
export function ActionForm({ reflectionId, verb, title, fields, onDone }: { reflectionId: string; verb: string; title: string; fields: ActionField[]; onDone: () => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? (f.kind === 'select' ? Object.keys(f.options ?? {})[0] : '')])));
  const [error, setError] = useState<ApiError | null>(null);
  const id = (name: string) => `${verb}-${name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const field of fields) {
      const value = values[field.name].trim();
      if (value === '' && field.optional) continue;
      body[field.name] = field.kind === 'roc-date' ? (fromRoc(value) ?? value) : field.kind === 'list' ? value.split(/[、,，]/).map((v) => v.trim()).filter(Boolean) : value;
    }
    try {
      await api(`/reflections/${reflectionId}/${verb}`, { method: 'POST', body });
      setError(null);
      onDone();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    }
  }

  return (
    <form className="action" onSubmit={submit} aria-label={title}>
      <h3>{title}</h3>
      {fields.map((field) => (
        <Field key={field.name} id={id(field.name)} label={field.label} error={error?.forField(field.name)}>
          {field.kind === 'textarea' ? (
            <textarea id={id(field.name)} rows={3} value={values[field.name]} onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))} />
          ) : field.kind === 'select' ? (
            <select id={id(field.name)} value={values[field.name]} onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}>
              {Object.entries(field.options ?? {}).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          ) : (
            <input id={id(field.name)} value={values[field.name]} onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))} />
          )}
        </Field>
      ))}
      {error && !fields.some((f) => error.forField(f.name)) && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit">{title}</button>
    </form>
  );
}
