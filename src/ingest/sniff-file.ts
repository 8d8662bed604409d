// A first look at an input file before DuckDB reads it: is it empty, binary, gzip, Parquet; which
// text encoding; what its first line says. Only the head (64 KiB of decompressed text) is read: a
// wrong guess later in the file is not fatal, because DuckDB rejects a line that is not valid UTF-8
// ("INVALID ENCODING") instead of failing, and that line then lands in the reject file.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { IngestError } from './ingest-error.ts';

export type TextEncoding = 'utf8' | 'gbk';

export interface SniffedFile {
  readonly format: 'csv' | 'parquet';
  /** CSV: gzip-compressed (by its magic bytes, whatever the name says). */
  readonly gzip: boolean;
  /** CSV: the text encoding, detected or as given. */
  readonly encoding: TextEncoding;
  /** CSV: the file starts with a UTF-8 byte-order mark. */
  readonly bom: boolean;
  /** CSV: the decoded head of the file (at most HEAD_BYTES bytes, BOM removed). */
  readonly head: string;
}

const HEAD_BYTES = 64 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // xlsx, docx, zip

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * Classifies the file, or throws an IngestError saying clearly why it cannot be imported.
 * @example const s = await sniffFile('members.csv'); // { format: 'csv', encoding: 'gbk', … }
 */
export async function sniffFile(path: string, encoding?: TextEncoding): Promise<SniffedFile> {
  const name = basename(path);
  const size = await stat(path).then((s) => s.size, (e: unknown) => {
    throw new IngestError('unreadable-input', `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  });
  if (size === 0) throw new IngestError('empty-file', `${name} is empty (0 bytes): nothing to import`);
  const first = await readStart(path, HEAD_BYTES);
  if (startsWith(first, PARQUET_MAGIC)) return { format: 'parquet', gzip: false, encoding: 'utf8', bom: false, head: '' };
  if (/\.(parquet|pq)$/i.test(path)) throw new IngestError('binary-file', `${name} is named like a Parquet file but is not one (no PAR1 header)`);
  if (startsWith(first, ZIP_MAGIC)) {
    throw new IngestError('binary-file', `${name} is a zip archive (an Excel .xlsx workbook?), not CSV: save the sheet as CSV (UTF-8) and import that`);
  }
  const gzip = startsWith(first, GZIP_MAGIC);
  const bytes = gzip ? await gunzipStart(path, HEAD_BYTES) : first;
  if (bytes.length === 0) throw new IngestError('empty-file', `${name} holds no data (it decompresses to 0 bytes)`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new IngestError('bad-encoding', `${name} is UTF-16 text; save it as UTF-8 (or GBK) CSV and import that`);
  }
  if (looksBinary(bytes)) throw new IngestError('binary-file', `${name} is not a text file (it contains binary bytes); expected CSV, .csv.gz or Parquet`);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bom ? bytes.subarray(3) : bytes;
  // A BOM is an explicit UTF-8 declaration: a line with bad bytes then becomes a reject, not a guess of GBK.
  const chosen = encoding ?? (bom ? 'utf8' : detectEncoding(text, name));
  const head = new TextDecoder(chosen === 'gbk' ? 'gb18030' : 'utf-8').decode(text, { stream: true });
  return { format: 'csv', gzip, encoding: chosen, bom, head };
}

/**
 * UTF-8 when the head decodes strictly as UTF-8; otherwise GBK when it decodes strictly as GB18030
 * (its superset, and what WHATWG's 'gbk' label decodes with). Valid UTF-8 is tried first because
 * multi-byte UTF-8 text is almost never valid GB18030 by accident, while plain ASCII is both.
 */
export function detectEncoding(bytes: Uint8Array, name = 'the file'): TextEncoding {
  if (decodes(bytes, 'utf-8')) return 'utf8';
  if (decodes(bytes, 'gb18030')) return 'gbk';
  throw new IngestError('bad-encoding', `${name} is neither UTF-8 nor GBK text; convert it to UTF-8, or pass --encoding utf8 to import it with the lines that do not decode rejected`);
}

function decodes(bytes: Uint8Array, label: string): boolean {
  try {
    // stream: true keeps a multi-byte character cut off at the end of the head from counting as an error.
    new TextDecoder(label, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** NUL bytes never occur in UTF-8 or GBK text; other control characters only rarely (tab, CR, LF, FF aside). */
function looksBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  return controls > bytes.length / 20;
}

async function readStart(path: string, n: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first n decompressed bytes (the stream is abandoned once they are in). */
async function gunzipStart(path: string, n: number): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let have = 0;
  const gunzip = createReadStream(path).pipe(createGunzip());
  try {
    for await (const chunk of gunzip) {
      parts.push(chunk as Buffer);
      have += (chunk as Buffer).length;
      if (have >= n) break;
    }
  } catch (e) {
    // A truncated gzip still yields what it decompressed so far; only a file with nothing readable fails.
    if (have === 0) throw new IngestError('unreadable-input', `${basename(path)} starts like gzip but cannot be decompressed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    gunzip.destroy();
  }
  return Buffer.concat(parts).subarray(0, n);
}
