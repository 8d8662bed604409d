import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const SALES = '会员号,交易时间,流水号,金额\nM1,2024-01-02 10:00:00,S1,35.5\nM2,2024-01-03,S2,12\nM1,2024/01/09,S3,20\nM3,2024-01-10,S4,abc\n';

describe('cvm import', () => {
  it('imports with a mapping flag and reports mapping, counts and reject file as JSON', async () => {
    const data = join(dir, 'json');
    // 会员号 is detected; 交易时间 and 流水号 are not in the candidate lists, so they are named by flags.
    const r = await runCli('import', file('sales.csv', SALES), '--data', data, '--date', '交易时间', '--order', '流水号', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Record<string, unknown>;
    expect(out).toMatchObject({
      status: 'imported', batchId: 1, mapping: { customer: '会员号', date: '交易时间', order: '流水号', amount: '金额' },
      mappingSource: { customer: 'detected', date: 'flag', order: 'flag', amount: 'detected' },
      counts: { read: 4, loaded: 3, rejected: { total: 1, byReason: { 'bad-amount': 1 } } },
      rejectFile: join(data, 'rejects', '1-sales.csv.rejects.csv'),
    });
    expect(r.err).toMatch(/reading sales\.csv/);
  });

  it('prints the mapping and the reconciled counts as text; a re-run says it changed nothing', async () => {
    const data = join(dir, 'text');
    const mapping = file('mapping.json', JSON.stringify({ date: '交易时间', order: '流水号' }));
    const first = await runCli('import', file('sales2.csv', SALES), '--data', data, '--mapping', mapping);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/customer id\s+← 会员号\n/);
    expect(first.out).toMatch(/date\s+← 交易时间 \(mapping-file\)/);
    expect(first.out).toMatch(/read = loaded \+ excluded \+ duplicates \+ already loaded \+ rejected: 4 = 3 \+ 0 \+ 0 \+ 0 \+ 1/);
    expect(first.out).toMatch(/Rejected rows \(line, reason, raw\): .*1-sales2\.csv\.rejects\.csv/);
    const again = await runCli('import', join(dir, 'sales2.csv'), '--data', data, '--mapping', mapping);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/was already imported as batch 1 .*nothing changed/);
  });

  it.each([
    ['a 0-byte file', ['empty.csv', ''], [], 65, /empty\.csv is empty \(0 bytes\)/],
    ['a binary file', ['bin.csv', Uint8Array.from([0, 1, 2, 3, 255, 0])], [], 65, /not a text file/],
    ['a missing file', null, [], 66, /file not found/],
    ['wrong columns', ['people.csv', 'name,city\na,b\n'], [], 65, /lacks columns a sales import needs/],
    ['an unknown mapped column', ['s3.csv', SALES], ['--customer', 'nope'], 64, /--customer names column "nope"/],
    ['--strict with a reject', ['s4.csv', SALES], ['--date', '交易时间', '--strict'], 65, /--strict: 1 of 4 rows .* nothing was imported/],
    ['an unsupported kind', ['s5.csv', SALES], ['--kind', 'orders'], 64, /argument 'orders' is invalid. Allowed choices are sales, customers, products, events, interactions/],
  ] as const)('%s: a one-line message and an exit code, never a stack trace', async (_what, input, extra, code, message) => {
    const path = input === null ? join(dir, 'missing.csv') : file(input[0], input[1]);
    const r = await runCli('import', path, '--data', join(dir, 'errors'), ...extra);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });
});
