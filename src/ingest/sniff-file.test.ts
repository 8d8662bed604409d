import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../testing/shared-data.ts';
import { detectEncoding, sniffFile } from './sniff-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-sniff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
// "会员编号,金额\nM001,12\n" encoded by Python 3's 'gbk' codec (an encoder independent of Node's decoder).
const GBK = Buffer.from('bbe1d4b1b1e0bac52cbdf0b6ee0a4d3030312c31320a', 'hex');

describe('sniffFile', () => {
  it('refuses a 0-byte file and a gzip that holds nothing', async () => {
    await expect(sniffFile(file('empty.csv', ''))).rejects.toMatchObject({ code: 'empty-file', message: expect.stringMatching(/0 bytes/) });
    await expect(sniffFile(file('empty.csv.gz', gzipSync('')))).rejects.toMatchObject({ code: 'empty-file' });
  });

  it('refuses binary files, naming what they look like', async () => {
    await expect(sniffFile(file('x.csv', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).rejects.toMatchObject({ code: 'binary-file' });
    await expect(sniffFile(file('book.csv', Buffer.from('PK\u0003\u0004rest-of-a-zip')))).rejects.toMatchObject({ code: 'binary-file', message: expect.stringMatching(/xlsx/) });
    await expect(sniffFile(file('t.parquet', 'a,b\n1,2\n'))).rejects.toMatchObject({ code: 'binary-file', message: expect.stringMatching(/PAR1/) });
    await expect(sniffFile(file('u16.csv', Buffer.from('\ufeffa,b\n', 'utf16le')))).rejects.toMatchObject({ code: 'bad-encoding' });
  });

  it('decompresses gzip by its magic bytes and reads the head (UCI Online Retail)', async () => {
    const s = await sniffFile(sharedData('online-retail/onlineretail.csv.gz'));
    expect(s).toMatchObject({ format: 'csv', gzip: true, encoding: 'utf8', bom: false });
    expect(s.head.startsWith('"InvoiceNo","StockCode"')).toBe(true);
  });

  it('strips a UTF-8 BOM and tells GBK from UTF-8', async () => {
    const bom = await sniffFile(file('bom.csv', '\ufeff会员编号,金额\nM001,12\n'));
    expect(bom).toMatchObject({ encoding: 'utf8', bom: true, head: '会员编号,金额\nM001,12\n' });
    const gbk = await sniffFile(file('gbk.csv', GBK));
    expect(gbk).toMatchObject({ encoding: 'gbk', head: '会员编号,金额\nM001,12\n' });
    // Forced encoding wins over detection (here: reading GBK bytes as GBK although ASCII-only would be UTF-8 too).
    expect((await sniffFile(file('ascii.csv', 'a,b\n'), 'gbk')).encoding).toBe('gbk');
  });

  it('detectEncoding: ASCII is UTF-8; bytes valid in neither are refused', () => {
    expect(detectEncoding(Buffer.from('plain,ascii\n'))).toBe('utf8');
    expect(detectEncoding(GBK)).toBe('gbk');
    // 0xFF is never valid in UTF-8, nor as a GB18030 lead byte (WHATWG Encoding §11.1; 0x80 alone would be €).
    expect(() => detectEncoding(Uint8Array.from([0x61, 0xff, 0x0a]))).toThrow(/neither UTF-8 nor GBK/);
  });
});
