// Runs the real `cvm` command (bin/cvm.js) as a child process, the way a user runs it, for the tests
// and scripts that need a data folder or a user made by the CLI itself.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const CVM_BIN = join(REPO_ROOT, 'bin', 'cvm.js');

export interface CvmResult {
  stdout: string;
  stderr: string;
}

export interface RunCvmOptions {
  env?: Record<string, string>;
  /** Written to the child's stdin (e.g. a password), then closed. */
  input?: string;
  /** Killed after this many milliseconds (default 120 s): a hung command fails the caller. */
  timeoutMs?: number;
}

/**
 * Runs `cvm <args>` with the pinned Node and resolves with its output; rejects with the command, exit
 * code and stderr when it fails. Example: `await runCvm(['analyze', 'samples/transactions.csv', '--data', dir])`.
 */
export function runCvm(args: string[], options: RunCvmOptions = {}): Promise<CvmResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CVM_BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`cvm ${args.join(' ')} failed (${signal ?? `exit ${String(code)}`}):\n${stderr.slice(-2000)}${stdout.slice(-1000)}`));
    });
    child.stdin.end(options.input ?? '');
  });
}
