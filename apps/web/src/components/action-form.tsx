import { CreateForm, type ActionField } from './create-form';

export type { ActionField };

/** One step of a case's life as a small form; the API's refusal shows beside the field it names. */
export function ActionForm({
  reflectionId,
  verb,
  title,
  fields,
  shape,
  apiFields,
  confirm,
  onDone,
}: {
  reflectionId: string;
  verb: string;
  title: string;
  fields: ActionField[];
  shape?: (values: Record<string, unknown>) => unknown;
  apiFields?: Record<string, string>;
  confirm?: string;
  onDone: () => void;
}) {
  return <CreateForm path={`/reflections/${reflectionId}/${verb}`} title={title} fields={fields} shape={shape} apiFields={apiFields} confirm={confirm} heading="h3" onCreated={onDone} />;
}
