import { specificationOf } from '../testing/decider-specification';
import { importRow, timed } from '../testing/reflection-fixtures';
import type { ReflectionImported } from './reflection-event';
import { reflectionDecider } from './reflection.decider';

const given = specificationOf(reflectionDecider);

const importedClosed: ReflectionImported = {
  type: 'ReflectionImported',
  data: {
    reflectionId: 'r1',
    unitId: 'u1',
    nature: 'public_need',
    category: 'unclassified',
    summary: '社區路燈損壞，夜間行走危險',
    receivedOn: '2026-03-04',
    reporter: { name: '林美華', phone: '04-2222-3333' },
    place: null,
    villageAsWritten: '東湖里',
    location: '東湖里活動中心',
    handlingOpinion: '函請工務課查修',
    recordedBy: '陳政風',
    handling: '工務課已於3月10日修復',
    closedOn: '2026-03-20',
    citizenReplyDueOn: null,
    source: { fileHash: 'f'.repeat(64), sheet: '工作紀錄表', row: 2 },
  },
};

describe('importing a case from the unit’s past work records', () => {
  it('records a closed case with its handling, unclassified when the row names no category', () => given([]).when(importRow()).then([importedClosed]));

  it('keeps a category the row names, when it belongs to the nature', () =>
    given([]).when(importRow({ category: 'public_facilities' })).then([{ ...importedClosed, data: { ...importedClosed.data, category: 'public_facilities' } }]));

  // 3/4 + 30 days is Friday 4/3, a day off (兒童節), and 4/6 too (清明節補假): the next working day is 4/7.
  it('leaves a case the row does not close open, owing the citizen a reply counted from its receipt', () =>
    given([])
      .when(importRow({ closedOn: null, handling: null }))
      .then([{ ...importedClosed, data: { ...importedClosed.data, closedOn: null, handling: null, citizenReplyDueOn: '2026-04-07' } }]));

  it('refuses a case received in a period the unit reports on: that is a new case, and reports stay as sent', () =>
    given([]).when(importRow({ receivedOn: '2026-11-16', closedOn: null })).thenThrows('IMPORT_NOT_BEFORE_START', 'receivedOn'));

  it('refuses a date before the programme existed', () => given([]).when(importRow({ receivedOn: '2010-12-31' })).thenThrows('DATE_BEFORE_PROGRAMME', 'receivedOn'));

  it('refuses a closing before the receipt, or in the future, and a closing without its handling', () => {
    given([]).when(importRow({ closedOn: '2026-03-01' })).thenThrows('CLOSED_BEFORE_RECEIVED', 'closedOn');
    given([]).when(importRow({ closedOn: '2026-11-28' })).thenThrows('CLOSED_ON_IN_FUTURE', 'closedOn');
    given([]).when(importRow({ handling: '  ' })).thenThrows('REQUIRED', 'handling');
  });

  it('refuses an unknown nature, a category of the other nature and an invalid phone', () => {
    given([]).when(importRow({ nature: '其他' })).thenThrows('NOT_ALLOWED', 'nature');
    given([]).when(importRow({ nature: 'policy_feedback', category: 'public_facilities' })).thenThrows('CATEGORY_NOT_IN_NATURE', 'category');
    given([]).when(importRow({ reporter: { phone: '12' } })).thenThrows('INVALID_PHONE', 'reporter.phone');
  });

  it('imports a row once: the same case again is refused', () => given([importedClosed]).when(importRow()).thenThrows('REFLECTION_ALREADY_EXISTS'));

  it('accepts only what every case accepts after a closed import: reopening it', () => {
    given([importedClosed]).when({ type: 'RecordHandlingOpinion', opinion: '再議' }).thenThrows('REFLECTION_CLOSED');
    given([importedClosed])
      .when({ type: 'ReopenReflection', reason: '民眾再次反映', ...timed })
      .then([{ type: 'ReflectionReopened', data: { reason: '民眾再次反映', citizenReplyDueOn: '2026-12-28' } }]);
  });
});
