// The `cvm` command: a small commander program; each command lives in commands/<name>.ts and
// registers itself here. Errors are turned into a message and an exit code in one place.
import { Command, CommanderError } from 'commander';
import { describeError } from './cli-error.ts';
import { registerCommands } from './commands/index.ts';

export function buildProgram(): Command {
  const program = new Command('cvm')
    .description('Customer value management for retailers: who is valuable, what each customer is worth, who is leaving.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 64;
    const { exitCode, message } = describeError(e);
    process.stderr.write(`cvm: ${message}\n`);
    if (process.env.CVM_DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    return exitCode;
  }
}
