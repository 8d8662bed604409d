// The counts of an import as labelled lines. The server sends them flat (read, loaded, excluded,
// rejected, duplicates, customers); every row read is accounted for once, so the row lines add up to
// "read".

export type ImportCountsView = Record<string, number>;

/** A row of GET /api/imports (src/api/imports/route.ts). */
export interface ImportBatch {
  id: number;
  kind: string;
  fileName: string | null;
  status: string;
  counts: ImportCountsView;
  error: string | null;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
  hasRejects: boolean;
}

export interface CountRow {
  key: string;
  en: string;
  zh: string;
  value: number;
}

const LINES: [string, string, string][] = [
  ['read', 'Rows read', '读取行数'],
  ['loaded', 'Loaded', '导入行数'],
  ['excluded', 'Excluded (cancellations, returns …)', '排除（取消、退货等）'],
  ['duplicates', 'Duplicates dropped', '删除的重复行'],
  ['alreadyLoaded', 'Already loaded earlier', '此前已导入'],
  ['rejected', 'Rejected', '拒绝行数'],
  ['anonymous', 'Loaded without a customer id', '无会员编号的导入行'],
  ['customers', 'Customers analysed', '分析的客户数'],
];

export function countRows(c: ImportCountsView): CountRow[] {
  return LINES.filter(([key]) => typeof c[key] === 'number').map(([key, en, zh]) => ({ key, en, zh, value: c[key] }));
}
