// Writes a synthetic CDNOW-like transaction log for the benchmarks (see bench/README.md, "Generator"):
//   node bench/generate-transactions.ts --customers N --out FILE.csv [--seed S]
// The generating function lives in src/analytics/simulate (pure, tested there) and is re-exported
// here so benchmark code can import it from bench/.
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateTransactions } from '../src/analytics/simulate/generate-transactions.ts';

export { CDNOW_LIKE, generateTransactions } from '../src/analytics/simulate/generate-transactions.ts';
export type { GenerateTransactionsOptions, GenerationSummary } from '../src/analytics/simulate/generate-transactions.ts';

const USAGE = 'usage: node bench/generate-transactions.ts --customers N --out FILE.csv [--seed S]';

function integerOption(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new Error(`--${name} must be a non-negative integer\n${USAGE}`);
  return n;
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { customers: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const customers = integerOption('customers', values.customers);
  const seed = integerOption('seed', values.seed, 1);
  if (!values.out) throw new Error(`--out is required\n${USAGE}`);

  const started = performance.now();
  // Synchronous writes of 1 MiB chunks: the generator is CPU-bound, so nothing is gained by
  // overlapping I/O, and memory stays at one chunk whatever the customer count.
  const fd = openSync(values.out, 'w');
  let summary;
  try {
    const chunks = generateTransactions({ customers, seed });
    for (let step = chunks.next(); ; step = chunks.next()) {
      if (step.done) {
        summary = step.value;
        break;
      }
      writeSync(fd, step.value);
    }
  } finally {
    closeSync(fd);
  }
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `${summary.customers} customers, ${summary.rows} rows (${(summary.rows / Math.max(1, summary.customers)).toFixed(4)} per customer) ` +
      `→ ${values.out} in ${seconds.toFixed(1)} s`,
  );
}

if (import.meta.main) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
}
