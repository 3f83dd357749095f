import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { sofficeConverted } from '../support/soffice';
import { tempDir } from '../support/temp-dir';
import { binary } from '../support/odt-text';
import { ADMIN, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** The import template as LibreOffice reads it: the form's columns, and drop-down lists on 性質 and 類別. */
describe('the work-record template', () => {
  let t: TestApp;
  let unit: UnitUsers;
  const dir = tempDir('template');

  beforeAll(async () => {
    t = await startTestApp();
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'TPL');
  });
  afterAll(async () => {
    await t.close();
    dir.remove();
  });

  const template = async (format: 'ods' | 'xlsx') => {
    const response = await t.http().get(`/api/v1/imports/records/template.${format}`).set(bearer(unit.tokens.supervisor)).buffer(true).parse(binary).expect(200);
    const file = join(dir.path, `template-${format}.${format}`);
    writeFileSync(file, response.body as Buffer);
    return file;
  };

  it('offers the natures and the categories as drop-down lists in the ODS, as LibreOffice saves them again in XLSX', async () => {
    const xlsx = await sofficeConverted(await template('ods'), 'xlsx', join(dir.path, 'from-ods'));
    const sheet = await (await JSZip.loadAsync(xlsx)).file('xl/worksheets/sheet1.xml')!.async('string');
    const lists = [...sheet.matchAll(/<dataValidation [^>]*sqref="([A-Z]+)2:[^"]*"[^>]*type="list"[^>]*><formula1>([^<]*)<\/formula1>/g)].map(([, column, formula]) => [column, formula.replace(/&quot;/g, '"')]);
    expect(lists).toEqual([
      ['F', '"民情需求事項,施政興革反映"'],
      ['G', expect.stringMatching(/^"機關對民眾福祉之決策透明度及落實情形,公共設施欠缺或設置管理不當，影響民眾權益之情,.*,機關政策涉及多數民眾權益爭議事項"$/)],
    ]);
    const book = XLSX.read(xlsx, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json<string[]>(book.Sheets['工作紀錄表'], { header: 1 })[0]).toEqual(['受理日期', '反映者姓名', '職業', '聯絡電話', '聯絡地址', '性質', '類別', '需求/反映等內容概述', '處理意見', '紀錄人', '地點', '村里', '辦理情形', '結案日期']);
  }, 120_000);

  it('offers them in the XLSX too, from the guide sheet, as LibreOffice saves them again in ODS', async () => {
    const ods = await sofficeConverted(await template('xlsx'), 'ods', join(dir.path, 'from-xlsx'));
    const content = await (await JSZip.loadAsync(ods)).file('content.xml')!.async('string');
    const conditions = [...content.matchAll(/<table:content-validation table:name="([^"]*)" table:condition="([^"]*)"/g)].map(([, name, condition]) => [name, condition]);
    expect(conditions).toEqual([
      ['val1', 'of:cell-content-is-in-list([$填寫說明.$D$2:.$D$3])'],
      ['val2', 'of:cell-content-is-in-list([$填寫說明.$E$2:.$E$8])'],
    ]);
    // The cells that take them are on the form's sheet, in the 性質 and 類別 columns.
    const form = content.slice(content.indexOf('<table:table table:name="工作紀錄表"'), content.indexOf('<table:table table:name="填寫說明"'));
    expect(form).toContain('<table:table-cell table:number-columns-repeated="5"/><table:table-cell table:content-validation-name="val1"/><table:table-cell table:content-validation-name="val2"/>');
    const guide = XLSX.utils.sheet_to_json<string[]>(XLSX.read(ods, { type: 'buffer' }).Sheets['填寫說明'], { header: 1, defval: '' });
    expect(guide.slice(1, 3).map((row) => row[3])).toEqual(['民情需求事項', '施政興革反映']);
    expect(guide.slice(1, 8).map((row) => row[4])).toHaveLength(7);
  }, 120_000);
});
