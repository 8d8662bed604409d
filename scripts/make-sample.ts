// Writes the bundled sample store (samples/README.md says what it holds):
//   node scripts/make-sample.ts [--out samples] [--seed 7]
// The same seed rewrites every file byte for byte; the generator is src/analytics/simulate/sample-store.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSampleStore, SAMPLE_FILES } from '../src/analytics/simulate/sample-store.ts';

const USAGE = 'usage: node scripts/make-sample.ts [--out samples] [--seed 7]';

function main(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, seed: { type: 'string' } }, strict: true });
  const seedText = values.seed ?? '7';
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed)) throw new Error(`--seed must be a non-negative integer\n${USAGE}`);
  const out = values.out ?? join(import.meta.dirname, '..', 'samples');
  const started = performance.now();
  const { files, summary } = generateSampleStore({ seed });
  mkdirSync(out, { recursive: true });
  let bytes = 0;
  for (const name of SAMPLE_FILES) {
    writeFileSync(join(out, name), files[name]);
    bytes += Buffer.byteLength(files[name]);
  }
  console.error(
    `${summary.members} members, ${summary.orders.sales} sales, ${summary.lines.rows} order lines, ` +
      `${summary.events.view + summary.events.favorite + summary.events.cart} events → ${out} ` +
      `(${(bytes / 1024 / 1024).toFixed(2)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
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
