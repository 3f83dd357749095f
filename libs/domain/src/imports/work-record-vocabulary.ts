import { CATEGORY_LABELS, NATURE_LABELS } from '../vocabulary/labels.zh-tw';
import { CATEGORIES_BY_NATURE, type Category, type Nature } from '../reflection/reflection-vocabulary';

/**
 * The columns of the work-record form (附件1 村里廉政平臺工作紀錄表) as one spreadsheet row per form, in the
 * template's order, with the API's field each fills. 類別 is not on the paper form: an empty one is 未分類.
 */
export const WORK_RECORD_COLUMNS = [
  { header: '受理日期', field: 'receivedOn', required: true },
  { header: '反映者姓名', field: 'reporter.name', required: false },
  { header: '職業', field: 'reporter.occupation', required: false },
  { header: '聯絡電話', field: 'reporter.phone', required: false },
  { header: '聯絡地址', field: 'reporter.address', required: false },
  { header: '性質', field: 'nature', required: true },
  { header: '類別', field: 'category', required: false },
  { header: '需求/反映等內容概述', field: 'summary', required: true },
  { header: '處理意見', field: 'handlingOpinion', required: false },
  { header: '紀錄人', field: 'recordedBy', required: false },
  { header: '地點', field: 'location', required: false },
  { header: '村里', field: 'village', required: false },
  { header: '辦理情形', field: 'handling', required: false },
  { header: '結案日期', field: 'closedOn', required: false },
] as const;

export type WorkRecordColumn = (typeof WORK_RECORD_COLUMNS)[number]['header'];

/** Other headings clerks gave the same columns in their own sheets. */
export const WORK_RECORD_HEADER_ALIASES: Record<string, WorkRecordColumn> = {
  日期: '受理日期',
  反映日期: '受理日期',
  姓名: '反映者姓名',
  反映者: '反映者姓名',
  電話: '聯絡電話',
  地址: '聯絡地址',
  內容概述: '需求/反映等內容概述',
  反映內容: '需求/反映等內容概述',
  需求反映等內容概述: '需求/反映等內容概述',
  '需求／反映等內容概述': '需求/反映等內容概述',
  '村(里)': '村里',
  '村（里）': '村里',
  村里別: '村里',
  處理情形: '辦理情形',
  結案日: '結案日期',
};

/** The column a field's error belongs to, to name it in a row's refusal (reporter.phone: 聯絡電話). */
export function columnOfField(field: string | undefined): WorkRecordColumn | null {
  return WORK_RECORD_COLUMNS.find((c) => c.field === field)?.header ?? null;
}

/** The nature as written: the form's own words (民情需求事項, 施政興革反映) and the shorter ones clerks use. */
export function natureAsWritten(text: string): Nature | null {
  const value = text.replace(/\s/g, '');
  if (value === '') return null;
  if (value in CATEGORIES_BY_NATURE) return value as Nature;
  const byLabel = Object.entries(NATURE_LABELS).find(([, label]) => label === value);
  if (byLabel) return byLabel[0] as Nature;
  if (/^(民情|民眾)?需求(事項)?$|^民情(需求|反映)?(事項)?$/.test(value)) return 'public_need';
  if (/^(施政|政策)?興革(反映|建議|意見)?(事項)?$|^施政(反映|建議|意見)(事項)?$/.test(value)) return 'policy_feedback';
  return null;
}

/** Short names clerks write for each category, beside the plan's full wording. */
const CATEGORY_WORDS: Record<Category, string[]> = {
  decision_transparency: ['決策透明', '決策透明度'],
  public_facilities: ['公共設施'],
  service_efficiency: ['申辦效率', '服務品質', '作業效率'],
  process_simplification: ['流程簡化', '業務整合'],
  policy_opinion: ['施政意見', '施政作為'],
  regulation_impact: ['法令規章', '行政措施', '法令影響'],
  policy_dispute: ['政策爭議', '權益爭議'],
};

/**
 * The category as written, within its nature: its code, the plan's wording, or a short name (公共設施); null for
 * an empty cell (未分類), undefined for words that name no category of the nature.
 */
export function categoryAsWritten(text: string, nature: Nature): Category | null | undefined {
  const value = text.replace(/\s/g, '');
  if (value === '' || value === '未分類') return null;
  const categories = CATEGORIES_BY_NATURE[nature] as readonly Category[];
  return categories.find((c) => c === value || CATEGORY_LABELS[c] === value || CATEGORY_WORDS[c].some((word) => value.includes(word)));
}
