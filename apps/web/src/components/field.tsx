import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';

/** A labelled form field, with the reason beside it when the value was refused: the control says it is invalid and points to the reason. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children) ? cloneElement(children as ReactElement<Record<string, unknown>>, { 'aria-invalid': error ? true : undefined, 'aria-describedby': described }) : children;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      {hint && (
        <small className="hint" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      {error && (
        <small className="error" role="alert" id={`${id}-error`}>
          {error}
        </small>
      )}
    </div>
  );
}
