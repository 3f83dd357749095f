import { CreateForm, type ActionField } from './create-form';

export type { ActionField };

/** One step of a case's life as a small form; the API's refusal shows beside the field it names. */
export function ActionForm({ reflectionId, verb, title, fields, onDone }: { reflectionId: string; verb: string; title: string; fields: ActionField[]; onDone: () => void }) {
  return <CreateForm path={`/reflections/${reflectionId}/${verb}`} title={title} fields={fields} heading="h3" onCreated={onDone} />;
}
