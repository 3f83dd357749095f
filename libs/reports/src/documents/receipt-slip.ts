import QRCode from 'qrcode';
import { rocDateText } from '@integrity/domain';
import { newPdf } from './pdf-renderer';

export interface ReceiptSlip {
  unitName: string;
  caseNo: string;
  receivedOn: string;
  receiptCode: string;
  /** Printed when the receipt is checked by a PIN rather than the phone's last digits. */
  pin: string | null;
  /** The public status page, with the code filled in: printed and as a QR code. */
  statusUrl: string;
}

const MARGIN = 28;

/**
 * The receipt slip (收執聯), A6 portrait, in the style of the forms: the unit, the date received in ROC, the case
 * number, the code large enough to read out, how to look the case up, and a QR code of the status page.
 */
export function renderReceiptSlip(slip: ReceiptSlip): Promise<Buffer> {
  const { doc, done } = newPdf('A6', MARGIN, `${slip.unitName}村里廉政平臺收執聯`);
  const width = doc.page.width - 2 * MARGIN;

  doc.font('bold').fontSize(11).text(slip.unitName, { align: 'center', width });
  doc.fontSize(13).text('村里廉政平臺　反映案件收執聯', { align: 'center', width }).moveDown(0.6);
  doc.font('body').fontSize(9.5).text(`受理日期：民國${rocDateText(slip.receivedOn)}`).text(`案號：${slip.caseNo}`).moveDown(0.4);
  doc.text('收執聯代碼：');
  doc.font('bold').fontSize(20).text(slip.receiptCode, { align: 'center', width, characterSpacing: 1 });
  if (slip.pin) doc.font('body').fontSize(9.5).text('查詢密碼：', { continued: true }).font('bold').fontSize(14).text(slip.pin);
  doc.moveDown(0.4);
  const proof = slip.pin ? '查詢密碼' : '您留存電話號碼的末4碼';
  doc.font('body').fontSize(8.5).text(`查詢辦理進度：掃描下方條碼或至 ${slip.statusUrl.split('?')[0]}，輸入收執聯代碼及${proof}。`, { width });

  const qr = QRCode.create(slip.statusUrl, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const side = 90;
  const cell = side / (size + 8);
  const left = (doc.page.width - side) / 2;
  const top = doc.y + 8;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (qr.modules.get(row, column)) doc.rect(left + (column + 4) * cell, top + (row + 4) * cell, cell, cell).fill('#000000');
    }
  }
  doc.y = top + side + 6;
  doc.font('body').fontSize(7.5).fillColor('#333333').text('本收執聯代碼請妥善保存，勿交付他人；遺失時請洽受理之政風單位重新核發。', MARGIN, doc.y, { width });
  doc.end();
  return done;
}
