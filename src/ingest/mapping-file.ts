// A mapping file: the column of each role and the few reading options, as a small JSON object, for
// a till export that arrives every week with the same odd names. Unknown keys are refused (with the
// valid ones listed) so a typo such as "custmer" does not silently fall back to detection.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { IngestError } from './ingest-error.ts';
import { anImport, kindRoles, type RecordColumns, type RecordKind } from './record-kinds.ts';
import { SALES_ROLES, type ColumnChoice } from './sales-columns.ts';

export interface MappingFile {
  readonly columns: ColumnChoice;
  readonly dateFormat?: string;
  readonly cancelPrefix?: string;
}

const column = z.string().trim().min(1);
const schema = z.strictObject({
  ...Object.fromEntries(SALES_ROLES.map((r) => [r, column.optional()])),
  dateFormat: z.string().min(1).optional(),
  cancelPrefix: z.string().optional(),
});

/**
 * Reads and validates a mapping file.
 * @example
 * // mapping.json: { "customer": "会员编号", "date": "下单时间", "amount": "实付金额", "dateFormat": "%Y年%m月%d日" }
 * const m = await readMappingFile('mapping.json'); // m.columns.customer === '会员编号'
 */
export async function readMappingFile(path: string): Promise<MappingFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new IngestError('bad-mapping', `cannot read the mapping file ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return parseMapping(text, path);
}

/** Validates mapping JSON text; `where` names it in messages. */
export function parseMapping(text: string, where = 'the mapping file'): MappingFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new IngestError('bad-mapping', `${where} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new IngestError('bad-mapping', `${where}: ${problems}. Valid keys: ${[...SALES_ROLES, 'dateFormat', 'cancelPrefix'].join(', ')}`);
  }
  const data = parsed.data as Record<string, string | undefined>;
  const columns: ColumnChoice = {};
  for (const role of SALES_ROLES) if (data[role] !== undefined) columns[role] = data[role];
  return { columns, dateFormat: data.dateFormat, cancelPrefix: data.cancelPrefix };
}

/** A mapping file of a customers / products / events / interactions import: field → column, plus dateFormat. */
export interface RecordMappingFile {
  readonly columns: RecordColumns;
  readonly dateFormat?: string;
}

/**
 * Reads a mapping file for a record kind; unknown keys are refused with the kind's fields listed.
 * @example
 * // members.json: { "customer": "卡号", "phone": "联系手机", "dateFormat": "%Y年%m月%d日" }
 * const m = await readRecordMapping('members.json', 'customers'); // m.columns.customer === '卡号'
 */
export async function readRecordMapping(path: string, kind: RecordKind): Promise<RecordMappingFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new IngestError('bad-mapping', `cannot read the mapping file ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new IngestError('bad-mapping', `${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const roles = kindRoles(kind);
  const parsed = z.strictObject({ ...Object.fromEntries(roles.map((r) => [r, column.optional()])), dateFormat: z.string().min(1).optional() }).safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new IngestError('bad-mapping', `${path}: ${problems}. Valid keys for ${anImport(kind)}: ${[...roles, 'dateFormat'].join(', ')}`);
  }
  const data = parsed.data as Record<string, string | undefined>;
  const columns: RecordColumns = {};
  for (const role of roles) if (data[role] !== undefined) columns[role] = data[role];
  return { columns, dateFormat: data.dateFormat };
}
