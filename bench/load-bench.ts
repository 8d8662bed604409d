// Load test of `cvm serve` (issue 6's acceptance): N concurrent clients reading customer pages and the
// churn list for S seconds while an import (upload → import → re-analysis of the whole folder → swap)
// runs, all on loopback. Bounded: stops by itself, stops the server and removes its work folder.
//
//   node bench/load-bench.ts [--customers 1000000] [--clients 50] [--seconds 60] [--write bench/results/load.md]
//
// Data: the CDNOW-like log bench/data/tx-<size>.csv (bench/generate-transactions.ts, seed 1) analysed
// once with `cvm analyze --data` into a base folder (reused by later runs: $TMPDIR/cvm-load-<n>/base);
// each run copies it so the import never accumulates. The import file: 20,000 new sales one day after
// the log's end for existing customers (same bytes every run).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cvm = join(root, 'bin', 'cvm.js');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const customers = Number(arg('customers', '1000000'));
const clients = Number(arg('clients', '50'));
const seconds = Number(arg('seconds', '60'));
const write = arg('write', '');
const label = customers >= 1e6 ? `${customers / 1e6}m` : `${customers / 1e3}k`;
const log = (s: string): void => { process.stderr.write(`[load-bench] ${s}\n`); };

function run(args: string[], input?: string): string {
  const r = spawnSync(process.execPath, args, { cwd: root, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

// 1. The base data folder (built once).
const work = join(tmpdir(), `cvm-load-${label}`);
const base = join(work, 'base');
const log1m = join(root, 'bench', 'data', `tx-${label}.csv`);
if (!existsSync(log1m)) {
  log(`generating ${log1m}`);
  mkdirSync(join(root, 'bench', 'data'), { recursive: true });
  run([join(root, 'bench', 'generate-transactions.ts'), '--customers', String(customers), '--out', log1m, '--seed', '1']);
}
const tokenFile = join(base, 'bench-token.txt');
if (!existsSync(tokenFile)) {
  rmSync(base, { recursive: true, force: true });
  let t = performance.now();
  log(`cvm analyze ${log1m} --data ${base} (once)`);
  run([cvm, 'analyze', log1m, '--data', base, '--out', join(work, 'out'), '--format', 'json']);
  log(`analyzed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  run([cvm, 'user', 'create', '--data', base, '--email', 'bench@example.com', '--role', 'admin', '--format', 'json'], 'load bench password');
  const token = (JSON.parse(run([cvm, 'token', 'create', '--data', base, '--email', 'bench@example.com', '--name', 'load bench', '--format', 'json'])) as { token: string }).token;
  writeFileSync(tokenFile, token);
  log(`user and token in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const token = readFileSync(tokenFile, 'utf8').trim();

// The import file: new sales for the first 20,000 customer ids one day after the log's last day.
const lastDay = readFileSync(log1m, 'utf8').slice(-200).trim().split('\n').pop()?.split(',')[1] ?? '1998-06-30';
const importDay = new Date(Date.parse(lastDay) + 86_400_000).toISOString().slice(0, 10);
const importFile = join(work, 'new-sales.csv');
const width = String(customers).length;
writeFileSync(importFile, ['customer_id,date,amount', ...Array.from({ length: 20_000 }, (_, i) => `C${String(i + 1).padStart(width, '0')},${importDay},${(20 + (i % 50)).toFixed(2)}`)].join('\n') + '\n');

// 2. A fresh copy of the folder and the server on loopback.
const runDir = join(work, `run-${process.pid}`);
cpSync(base, runDir, { recursive: true });
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const server: ChildProcess = spawn(process.execPath, [cvm, 'serve', '--data', runDir, '--host', '127.0.0.1', '--port', String(port)], {
  cwd: root, env: { ...process.env, CVM_SECRET: randomBytes(32).toString('hex') }, stdio: ['ignore', 'ignore', 'pipe'],
});
let serverLog = '';
server.stderr?.on('data', (d: Buffer) => { serverLog = (serverLog + d.toString()).slice(-5000); });
const stop = async (): Promise<void> => {
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    // Bounded: a server that does not stop within 60 s is killed (and said so).
    const exited = await Promise.race([new Promise((r) => server.once('exit', () => r(true))), new Promise((r) => setTimeout(() => r(false), 60_000).unref())]);
    if (!exited) {
      log(`cvm serve did not stop within 60 s of SIGTERM; killing it. Its last output: ${serverLog.slice(-500)}`);
      server.kill('SIGKILL');
    }
  }
  rmSync(runDir, { recursive: true, force: true });
};

try {
  const started = performance.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`cvm serve exited: ${serverLog}`);
    if (performance.now() - started > 120_000) throw new Error(`cvm serve did not answer within 120 s: ${serverLog}`);
    try { if ((await fetch(`${url}/api/health`)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`serving ${url} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const headers = { authorization: `Bearer ${token}` };
  // Ready = the first customers page answered (the server loads its in-memory snapshot on start).
  await (await fetch(`${url}/api/customers?pageSize=1`, { headers })).arrayBuffer();
  const readySeconds = (performance.now() - started) / 1000;
  log(`first page after ${readySeconds.toFixed(1)} s`);
  const segments = ((await (await fetch(`${url}/api/segments`, { headers })).json()) as { items: { segment: string }[] }).items.map((s) => s.segment);

  // 3. The import, followed over SSE.
  const form = new FormData();
  form.append('file', new File([readFileSync(importFile)], 'new-sales.csv', { type: 'text/csv' }));
  const t0 = performance.now();
  const importRes = await fetch(`${url}/api/imports`, { method: 'POST', headers, body: form });
  if (importRes.status !== 202) throw new Error(`import refused: ${importRes.status} ${await importRes.text()}`);
  const { id } = (await importRes.json()) as { id: number };
  let importSeconds: number | null = null;
  let importOutcome = 'still running at the end';
  const following = fetch(`${url}/api/imports/${id}/events`, { headers }).then(async (r) => {
    const text = await r.text();
    importSeconds = (performance.now() - t0) / 1000;
    importOutcome = /event: done/.test(text) ? 'done' : `error: ${/data: (.*)/.exec(text.split('event: error')[1] ?? '')?.[1] ?? text.slice(-200)}`;
  });

  // 4. The clients.
  type Kind = 'customers page' | 'customers filtered' | 'churn page';
  const samples: { kind: Kind; ms: number; during: boolean; deep: boolean }[] = [];
  const errors: string[] = [];
  const end = t0 + seconds * 1000;
  const sorts = ['clv_12m', 'value_at_risk', 'total_spend', 'p_alive', 'last_purchase'];
  let seed = 7;
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  let deep = false;
  const page = (): number => { deep = rnd() >= 0.8; return deep ? 21 + Math.floor(rnd() * 1980) : 1 + Math.floor(rnd() * 20); };
  const client = async (): Promise<void> => {
    while (performance.now() < end) {
      const r = rnd();
      const [kind, path]: [Kind, string] = r < 0.5
        ? ['customers page', `/api/customers?page=${page()}&pageSize=50&sort=${sorts[Math.floor(rnd() * sorts.length)]}&order=desc`]
        : r < 0.7 ? ['customers filtered', `/api/customers?page=${page()}&pageSize=50&segment=${segments[Math.floor(rnd() * segments.length)] ?? 'champions'}`]
        : ['churn page', `/api/churn?page=${page()}&pageSize=50`];
      const pageIsDeep = deep;
      const s = performance.now();
      try {
        const res = await fetch(url + path, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) errors.push(`${res.status} ${path}`);
      } catch (e) {
        errors.push(`${String(e)} ${path}`);
      }
      samples.push({ kind, ms: performance.now() - s, during: importSeconds === null, deep: pageIsDeep });
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - t0) / 1000;
  // The import must end before we stop the server; wait for it (bounded) so its time is known.
  await Promise.race([following, new Promise((r) => setTimeout(r, 300_000).unref())]);

  const q = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN; };
  const row = (name: string, xs: number[]): string => `| ${name} | ${xs.length} | ${(xs.length / elapsed).toFixed(0)} | ${q(xs, 0.5).toFixed(1)} | ${q(xs, 0.99).toFixed(1)} | ${q(xs, 1).toFixed(0)} |`;
  const during = samples.filter((s) => s.during).map((s) => s.ms);
  const lines = [
    `# Load test: cvm serve at ${label} customers`, '',
    `Command: \`node bench/load-bench.ts --customers ${customers} --clients ${clients} --seconds ${seconds}\``, '',
    `Run ${new Date().toISOString()}; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average before the run ${loadavg().map((x) => x.toFixed(1)).join(' ')}; Node ${process.version}; the machine is shared with other jobs.`, '',
    `${clients} clients on loopback for ${seconds} s (${elapsed.toFixed(1)} s measured), each sending the next request when the last one answered: 50 % customer pages sorted by a random column, 20 % filtered by segment, 30 % churn-list pages; 80 % of pages among the first 20, the rest among pages 21–2,000 (offsets up to 100,000). An API token authenticates every request.`, '',
    `Server start to the first customers page (snapshot loaded): ${readySeconds.toFixed(1)} s; the clock starts after it.`, '',
    `Import started with the clients: 20,000 new sales (POST /api/imports), then the whole folder re-analysed in a child process, then swapped in: ${importOutcome} after ${importSeconds === null ? 'n/a' : (importSeconds as number).toFixed(1)} s.`, '',
    '| requests | n | per second | p50 ms | p99 ms | max ms |', '|---|---:|---:|---:|---:|---:|',
    row('all', samples.map((s) => s.ms)),
    row('while the import ran', during),
    row('pages 1–20', samples.filter((x) => !x.deep).map((x) => x.ms)),
    row('pages 21–2,000', samples.filter((x) => x.deep).map((x) => x.ms)),
    ...(['customers page', 'customers filtered', 'churn page'] as const).map((k) => row(k, samples.filter((s) => s.kind === k).map((s) => s.ms))), '',
    `Errors: ${errors.length}${errors.length ? ` (first: ${errors.slice(0, 5).join('; ')})` : ''}.`, '',
  ];
  const report = lines.join('\n');
  process.stdout.write(report + '\n');
  if (write) writeFileSync(resolve(write), report);
} finally {
  await stop();
}
