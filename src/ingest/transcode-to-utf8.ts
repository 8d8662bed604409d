// Rewrites an input file, by streaming, into a plain UTF-8 copy DuckDB can read:
// - GBK → UTF-8, for files exported by a Chinese till system or Excel. DuckDB's CSV reader takes
//   UTF-8, UTF-16 and Latin-1 only. Node's TextDecoder decodes 'gbk' with the WHATWG GB18030
//   decoder, a superset of GBK and GB2312; bytes that are not GB18030 become U+FFFD, which is then
//   visible in the data or the reject file rather than silently dropped.
// - CRLF → LF, for files whose lines end both ways (two exports pasted together): DuckDB's strict
//   CSV parser stops on those with "state machine reached an invalid state" instead of reading on.
//   Line numbers are unchanged (each CRLF becomes one LF).
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export interface TranscodeOptions {
  /** The source is gzip-compressed. */
  readonly gzip: boolean;
  /** The source's encoding; 'utf8' bytes are passed through untouched (invalid ones included). */
  readonly from: 'utf8' | 'gbk';
  /** Turn CRLF line ends into LF. */
  readonly lf: boolean;
}

const CR = 13;
const LF = 10;

/** GB18030 bytes in, UTF-8 bytes out; a character split across chunks is carried over (stream: true). */
function gbkToUtf8(): Transform {
  const decoder = new TextDecoder('gb18030');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
}

/** Drops each CR that comes right before an LF, also when a chunk boundary falls between them. */
function crlfToLf(): Transform {
  let heldCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const parts: Buffer[] = [];
      if (heldCr && chunk[0] !== LF) parts.push(Buffer.of(CR));
      let start = 0;
      for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) {
        if (at > 0 && chunk[at - 1] === CR) {
          parts.push(chunk.subarray(start, at - 1));
          start = at;
        }
      }
      heldCr = chunk.length > 0 && chunk[chunk.length - 1] === CR;
      parts.push(chunk.subarray(start, heldCr ? chunk.length - 1 : chunk.length));
      done(null, Buffer.concat(parts));
    },
    flush(done) {
      done(null, heldCr ? Buffer.of(CR) : undefined);
    },
  });
}

/**
 * Writes `source` as UTF-8 (optionally with LF line ends) to `target`.
 * @example await transcodeToUtf8('会员.csv', '/tmp/cvm-x/utf8.csv', { gzip: false, from: 'gbk', lf: false })
 */
export async function transcodeToUtf8(source: string, target: string, o: TranscodeOptions): Promise<void> {
  const stages: Transform[] = [];
  if (o.gzip) stages.push(createGunzip());
  if (o.from === 'gbk') stages.push(gbkToUtf8());
  if (o.lf) stages.push(crlfToLf());
  await pipeline([createReadStream(source, { highWaterMark: 1 << 20 }), ...stages, createWriteStream(target)]);
}
