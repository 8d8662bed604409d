import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../testing/shared-data.ts';
import { scanFile } from './scan-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('scanFile', () => {
  it('hashes with SHA-256: the FIPS 180-2 vector for "abc" and the empty message', async () => {
    // FIPS 180-2, appendix B.1 (SHA-256 of "abc"); e3b0c442… is the digest of zero bytes.
    expect((await scanFile(file('abc', 'abc'), { gzip: false, lines: false })).hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect((await scanFile(file('none', ''), { gzip: false, lines: true })).hash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('matches the SHA-256 MANIFEST.tsv records for Online Retail (the compressed bytes), which has no blank line', async () => {
    const s = await scanFile(sharedData('online-retail/onlineretail.csv.gz'), { gzip: true, lines: true });
    expect(s).toEqual({ hash: '4562ad6af8d15e8632e89d4b963b424b1ca3189742fe77c91f87a6558bb40d23', blankLines: [] });
  });

  it('finds blank lines (LF or CRLF) after the header, also inside gzip', async () => {
    const text = 'a,b\n1,2\n\n3,4\r\n\r\n\r\n5,6\n';
    expect((await scanFile(file('b.csv', text), { gzip: false, lines: true })).blankLines).toEqual([3, 5, 6]);
    expect((await scanFile(file('b.csv.gz', gzipSync(text)), { gzip: true, lines: true })).blankLines).toEqual([3, 5, 6]);
    // A line of blanks is not empty: DuckDB returns it as a row, so it must not count as skipped.
    expect((await scanFile(file('c.csv', 'a,b\n \n1,2\n'), { gzip: false, lines: true })).blankLines).toEqual([]);
  });

  it('finds a blank CRLF line whose CR ends one 1 MiB read and whose LF starts the next', async () => {
    // 131,071 lines of 8 bytes plus 'xxxxxx\n' fill 2^20 − 1 bytes, so the blank line's CR is the last
    // byte of the first read and its LF the first byte of the second.
    const body = 'xxxxxxx\n'.repeat(131_071) + 'xxxxxx\n';
    expect(Buffer.byteLength(body)).toBe(2 ** 20 - 1);
    const s = await scanFile(file('big.csv', `${body}\r\nafter\n`), { gzip: false, lines: true });
    expect(s.blankLines).toEqual([131_073]);
  });
});
