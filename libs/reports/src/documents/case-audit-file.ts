import { ACTIVITY_LABELS, rocDateText, taipeiDateOf } from '@integrity/domain';
import type { Broken, RecordedCheckpoint } from '@integrity/audit';
import type { RecordedEvent } from '@integrity/event-store';
import type { Printable } from './printable';

const REASONS: Record<string, string> = {
  hash_mismatch: '紀錄內容與其雜湊值不符（記錄後遭更動）',
  chain_broken: '紀錄未接續前一筆之雜湊值',
  event_missing: '缺少紀錄',
  out_of_order: '紀錄順序錯亂',
  unchained: '紀錄無雜湊鏈',
  checkpoint_mismatch: '與稽核檢查點不符',
};

/** 115年11月27日 10:00, in Taipei. */
function rocInstant(instant: string): string {
  const date = new Date(instant);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  return `${rocDateText(taipeiDateOf(date))} ${time}`;
}

export interface CaseAuditFile {
  reflectionId: string;
  summary: string;
  unitName: string;
  history: RecordedEvent[];
  names: Map<string, string>;
  broken: Broken | null;
  checkpoint: RecordedCheckpoint | null;
  /** The case's head as the checkpoint recorded it, when it covers the case. */
  recordedHead: { revision: number; hash: string } | null;
  accesses: number;
  printedAt: Date;
}

/** A case's complete audit file for the paper file: every step with who, when and its hash, and what verifies it. */
export function caseAuditFile(file: CaseAuditFile): Printable {
  const { history, checkpoint, recordedHead } = file;
  const atCheckpoint = recordedHead && history[recordedHead.revision];
  const covered = !checkpoint || !recordedHead
    ? '最近稽核檢查點尚未涵蓋本案。'
    : `本案於該檢查點為第${recordedHead.revision + 1}筆紀錄，${atCheckpoint?.chain?.hash === recordedHead.hash ? '與現存紀錄相符' : '與現存紀錄不符'}。`;
  return {
    title: `${file.unitName}村里廉政平臺案件稽核檔`,
    subtitle: `列印時間：${rocInstant(file.printedAt.toISOString())}`,
    table: {
      widths: [3, 3, 3, 1, 7],
      header: ['時間', '人員', '事項', '筆次', '雜湊值（SHA-256）'],
      rows: history.map((event) => [rocInstant(event.metadata.occurredAt), file.names.get(event.metadata.actorId) ?? event.metadata.actorId, ACTIVITY_LABELS[event.type] ?? event.type, String(event.revision + 1), event.chain?.hash ?? '（無）']),
    },
    notes: [
      `案件：${file.summary}（編號 ${file.reflectionId}）`,
      file.broken
        ? `雜湊鏈驗證：異常，第${file.broken.revision + 1}筆${REASONS[file.broken.reason] ?? file.broken.reason}。`
        : `雜湊鏈驗證：完整，共${history.length}筆紀錄，每筆均接續前一筆之雜湊值且內容與雜湊值相符。`,
      checkpoint ? `最近稽核檢查點：${rocInstant(checkpoint.recordedAt)}，雜湊根 ${checkpoint.root}。${covered}` : '尚無稽核檢查點。',
      `反映者個人資料調閱紀錄：${file.accesses}筆（明細見系統「個資調閱紀錄」）。`,
    ],
  };
}
