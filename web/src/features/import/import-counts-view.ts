// The counts of a finished import (src/ingest/import-counts.ts) as labelled lines: every row read is
// accounted for once, so the lines add up to "read".
import type { ImportCounts } from '../../../../src/ingest/import-counts.ts';

export type ImportCountsView = Partial<ImportCounts>;
export type ImportBatch = Record<string, unknown>;

export interface CountRow {
  key: string;
  en: string;
  zh: string;
  value: number;
}

export function countRows(c: ImportCountsView): CountRow[] {
  const rows: CountRow[] = [];
  const add = (key: string, en: string, zh: string, value: number | undefined) => {
    if (typeof value === 'number') rows.push({ key, en, zh, value });
  };
  add('read', 'Rows read', '读取行数', c.read);
  add('loaded', 'Loaded', '导入行数', c.loaded);
  add('excluded', 'Excluded (cancellations, returns …)', '排除（取消、退货等）', c.excluded?.total);
  add('duplicates', 'Duplicates dropped', '删除的重复行', c.duplicates);
  add('already-loaded', 'Already loaded earlier', '此前已导入', c.alreadyLoaded);
  add('rejected', 'Rejected', '拒绝行数', c.rejected?.total);
  add('anonymous', 'Loaded without a customer id', '无会员编号的导入行', c.anonymous);
  return rows;
}
