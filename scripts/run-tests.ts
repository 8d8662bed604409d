// The project's test command (`npm test`). Runs vitest with a JSON report beside the normal one,
// then prints the closing line CI reads, `N passed, N failed`, and fails when no test ran:
// vitest's own summary is not a format CI here understands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.ts';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  testResults: { status: string; message?: string; name: string }[];
}

// The browser tests report a missing browser themselves, as failures with this reason.
const noBrowser = ensureChromium();
if (noBrowser) console.log(`warning: ${noBrowser}`);

const dir = mkdtempSync(join(tmpdir(), 'cvm-tests-'));
const out = join(dir, 'vitest.json');
const vitest = join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});

let report: VitestJson | undefined;
try {
  report = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
} catch {
  report = undefined;
}
rmSync(dir, { recursive: true, force: true });

if (!report) {
  console.log('vitest wrote no report (exit code ' + String(run.status) + ')');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// A test file that fails to load counts as a failure even though it ran no test.
const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.message).length;
const failed = report.numFailedTests + (report.numFailedTests === 0 ? brokenFiles : 0);
const skipped = report.numPendingTests + report.numTodoTests;
const passed = report.numPassedTests;
if (passed + failed === 0) console.log('no test ran: that is a failure');
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 || passed === 0 || run.status !== 0 ? 1 : 0);
