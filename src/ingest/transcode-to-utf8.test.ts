import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { transcodeToUtf8 } from './transcode-to-utf8.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-gbk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// "会员编号,商品名称\nM001,苹果\n" encoded by Python 3's 'gbk' codec, so the expected text does not come from the decoder under test.
const GBK = Buffer.from('bbe1d4b1b1e0bac52cc9ccc6b7c3fbb3c60a4d3030312cc6bbb9fb0a', 'hex');
const TEXT = '会员编号,商品名称\nM001,苹果\n';

describe('transcodeToUtf8', () => {
  it('turns GBK bytes into the same text in UTF-8, plain or gzip-compressed', async () => {
    writeFileSync(join(dir, 'a.csv'), GBK);
    writeFileSync(join(dir, 'a.csv.gz'), gzipSync(GBK));
    await transcodeToUtf8(join(dir, 'a.csv'), join(dir, 'a.out'), { gzip: false, from: 'gbk', lf: false });
    expect(readFileSync(join(dir, 'a.out'), 'utf8')).toBe(TEXT);
    await transcodeToUtf8(join(dir, 'a.csv.gz'), join(dir, 'b.out'), { gzip: true, from: 'gbk', lf: false });
    expect(readFileSync(join(dir, 'b.out'), 'utf8')).toBe(TEXT);
  });

  it('keeps a two-byte character that a read boundary splits in half', async () => {
    // The file is read in 1 MiB chunks. A leading 'x' shifts the 28-byte rows so that the first chunk
    // ends after the first byte of 员 ((2^20 − 1 − 1) mod 28 = 2, the offset of 员's first byte); the
    // check on the raw chunk below shows the split is real.
    const bytes = Buffer.concat([Buffer.from('x'), ...Array(40_000).fill(GBK)]);
    writeFileSync(join(dir, 'big.csv'), bytes);
    expect(new TextDecoder('gbk').decode(bytes.subarray(0, 1 << 20)).endsWith('\ufffd')).toBe(true);
    await transcodeToUtf8(join(dir, 'big.csv'), join(dir, 'big.out'), { gzip: false, from: 'gbk', lf: false });
    expect(readFileSync(join(dir, 'big.out'), 'utf8')).toBe('x' + TEXT.repeat(40_000));
  });

  it('turns CRLF into LF (also split across reads), keeps lone CRs and passes UTF-8 bytes through untouched', async () => {
    // 2^20 − 1 bytes of 'a' put the first CR as the last byte of the first 1 MiB read, its LF first in the next.
    const bytes = Buffer.concat([Buffer.from('a'.repeat(2 ** 20 - 1)), Buffer.from('\r\nx\ry\r\n\n'), Buffer.from([0xff, 0x0a]), Buffer.from('end\r')]);
    writeFileSync(join(dir, 'crlf.csv'), bytes);
    await transcodeToUtf8(join(dir, 'crlf.csv'), join(dir, 'crlf.out'), { gzip: false, from: 'utf8', lf: true });
    const expected = Buffer.concat([Buffer.from('a'.repeat(2 ** 20 - 1)), Buffer.from('\nx\ry\n\n'), Buffer.from([0xff, 0x0a]), Buffer.from('end\r')]);
    expect(readFileSync(join(dir, 'crlf.out')).equals(expected)).toBe(true);
  });
});
