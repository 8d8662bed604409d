// Synthetic transaction logs that follow a BG/NBD process like CDNOW's, for benchmarks and tests:
// deterministic for a seed, produced as CSV byte chunks so any number of customers streams in bounded
// memory. Pure (no I/O): the caller writes the chunks (bench/generate-transactions.ts is the CLI).
import { ModelError } from '../models/model-error.ts';
import { bgNbdSampler, type BgNbdParams } from './bg-nbd-simulator.ts';
import { Random } from './random.ts';

/** Log-normal spend per transaction: amount = e^Z, Z ~ Normal(meanlog, sdlog). */
export interface SpendDistribution {
  meanlog: number;
  sdlog: number;
}

// CDNOW's weekly BG/NBD estimates rounded (FHL 2005: r = 0.243, α = 4.414, a = 0.793, b = 2.426).
const CDNOW_PARAMS: BgNbdParams = Object.freeze({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 });
// Spend: sdlog = 0.73 is the standard deviation of ln(dollar_value) over CDNOW_master's 69,579
// positive rows (0.734); meanlog = ln 35 − 0.73²/2 then makes the mean e^(μ + σ²/2) = $35.00,
// CDNOW's mean per row being $35.89 (median $25.98; the model's median e^μ = $26.81).
const SDLOG = 0.73;
const CDNOW_SPEND: SpendDistribution = Object.freeze({ meanlog: Math.log(35) - (SDLOG * SDLOG) / 2, sdlog: SDLOG });

/** The defaults: CDNOW's process (weeks), its 78-week window from 1997-01-01, first purchases in 12 weeks. */
export const CDNOW_LIKE = Object.freeze({
  params: CDNOW_PARAMS,
  spend: CDNOW_SPEND,
  start: '1997-01-01',
  weeks: 78,
  firstPurchaseWeeks: 12,
});

export interface GenerateTransactionsOptions {
  customers: number;
  /** Default 1. Same seed and options → same bytes. */
  seed?: number;
  /** BG/NBD parameters per week. */
  params?: BgNbdParams;
  spend?: SpendDistribution;
  /** First day of the window, YYYY-MM-DD. */
  start?: string;
  /** Length of the window in weeks. */
  weeks?: number;
  /** Each customer's first purchase is uniform in the first this-many weeks. */
  firstPurchaseWeeks?: number;
  /** Bytes per yielded chunk, at most (default 1 MiB). */
  chunkBytes?: number;
}

export interface GenerationSummary {
  customers: number;
  rows: number;
}

// Longest possible row: "C" + id (≤ 16 digits) + "," + date (10) + "," + amount (≤ 14 digits, since
// cents ≤ 2^53, + ".00") + "\n" = 47 bytes; a chunk is flushed when less than 64 bytes are left.
const MAX_ROW_BYTES = 64;
const COMMA = 44;
const DOT = 46;
const NEWLINE = 10;
const ZERO = 48;

function dayLabels(start: string, days: number): Uint8Array {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  const t0 = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(t0).toISOString().slice(0, 10) !== start) {
    throw new ModelError('invalid-input', `start must be a date YYYY-MM-DD, got ${start}`);
  }
  const out = new Uint8Array(days * 10);
  for (let d = 0; d < days; d++) {
    const label = new Date(t0 + d * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < 10; k++) out[d * 10 + k] = label.charCodeAt(k);
  }
  return out;
}

function checkOptions(o: GenerateTransactionsOptions, weeks: number, firstWeeks: number, chunkBytes: number): void {
  const bad = (what: string) => {
    throw new ModelError('invalid-input', what);
  };
  if (!(Number.isSafeInteger(o.customers) && o.customers >= 0)) bad(`customers must be a non-negative integer, got ${o.customers}`);
  if (!(weeks > 0 && Number.isFinite(weeks))) bad(`weeks must be > 0, got ${weeks}`);
  if (!(firstWeeks > 0 && firstWeeks <= weeks)) bad(`firstPurchaseWeeks must be in (0, weeks], got ${firstWeeks}`);
  if (!(Number.isSafeInteger(chunkBytes) && chunkBytes >= 1024)) bad(`chunkBytes must be an integer >= 1024, got ${chunkBytes}`);
  const spend = o.spend ?? CDNOW_SPEND;
  if (!Number.isFinite(spend.meanlog) || !(spend.sdlog >= 0 && Number.isFinite(spend.sdlog))) bad('spend: meanlog must be finite and sdlog finite and >= 0');
}

/**
 * Yields the CSV `customer_id,date,amount` as UTF-8 (ASCII) byte chunks, header first, for
 * `customers` customers: each makes a first purchase at a uniform time in the first
 * `firstPurchaseWeeks`, then repeat purchases under BG/NBD until dropout or the end of the window.
 * Dates are days (time × 7 rounded down); several purchases on one day stay separate rows. Amounts
 * are log-normal, rounded to cents, at least 0.01 so every row has a positive spend. Returns the
 * row count.
 *
 * Why bytes written in place rather than strings: building ~14M rows by string concatenation left
 * hundreds of MB of rope nodes for the collector and ran ~2× slower; here memory is one chunk.
 *
 * Example: `for (const chunk of generateTransactions({ customers: 1000, seed: 7 })) writeSync(fd, chunk);`
 */
export function* generateTransactions(options: GenerateTransactionsOptions): Generator<Uint8Array, GenerationSummary, void> {
  const weeks = options.weeks ?? CDNOW_LIKE.weeks;
  const firstWeeks = options.firstPurchaseWeeks ?? CDNOW_LIKE.firstPurchaseWeeks;
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  checkOptions(options, weeks, firstWeeks, chunkBytes);
  const { meanlog, sdlog } = options.spend ?? CDNOW_SPEND;
  const sampler = bgNbdSampler(options.params ?? CDNOW_PARAMS);
  const days = Math.ceil(weeks * 7);
  const dates = dayLabels(options.start ?? CDNOW_LIKE.start, days);
  const rng = new Random(options.seed ?? 1);
  const idWidth = Math.max(7, String(options.customers).length);
  const times: number[] = [];
  const prefix = new Uint8Array(idWidth + 2); // "C0000001,"
  prefix[0] = 67;
  prefix[idWidth + 1] = COMMA;
  const digits = new Uint8Array(20);

  const buf = new Uint8Array(chunkBytes);
  let pos = 0;
  for (const ch of 'customer_id,date,amount\n') buf[pos++] = ch.charCodeAt(0);
  let rows = 0;
  for (let c = 1; c <= options.customers; c++) {
    for (let k = idWidth, v = c; k >= 1; k--, v = Math.floor(v / 10)) prefix[k] = ZERO + (v % 10);
    const first = firstWeeks * rng.next();
    const repeats = sampler(weeks - first, rng, times);
    for (let j = -1; j < repeats; j++) {
      if (pos > chunkBytes - MAX_ROW_BYTES) {
        yield buf.slice(0, pos);
        pos = 0;
      }
      for (let k = 0; k < prefix.length; k++) buf[pos++] = prefix[k];
      const t = j < 0 ? first : first + times[j];
      // min(): a purchase exactly at the end of the window (t = weeks) belongs to its last day.
      const day = Math.min(Math.floor(t * 7), days - 1);
      for (let k = 0; k < 10; k++) buf[pos++] = dates[day * 10 + k];
      buf[pos++] = COMMA;
      const cents = Math.max(1, Math.round(100 * rng.logNormal(meanlog, sdlog)));
      if (!(cents <= Number.MAX_SAFE_INTEGER)) throw new ModelError('invalid-input', `spend: amount ${cents / 100} is too large to write exactly`);
      let n = 0;
      for (let v = Math.floor(cents / 100); n === 0 || v > 0; v = Math.floor(v / 10)) digits[n++] = ZERO + (v % 10);
      while (n > 0) buf[pos++] = digits[--n];
      buf[pos++] = DOT;
      buf[pos++] = ZERO + Math.floor((cents % 100) / 10);
      buf[pos++] = ZERO + (cents % 10);
      buf[pos++] = NEWLINE;
      rows++;
    }
  }
  if (pos > 0) yield buf.slice(0, pos);
  return { customers: options.customers, rows };
}
