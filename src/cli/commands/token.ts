// `cvm token create`: an API token for scripts (Authorization: Bearer …), printed once; only its hash is kept.
import type { Command } from 'commander';
import { createApiToken } from '../../domain/sessions/api-token-repository.ts';
import { findUserForLogin } from '../../domain/users/user-repository.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, type OutputFormat } from '../output.ts';
import { openUserStore } from './user.ts';

export function registerToken(program: Command): void {
  program
    .command('token')
    .description('API tokens for scripts')
    .command('create')
    .description('create an API token acting as the given user (shown once)')
    .requiredOption('--email <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "nightly export"')
    .option('--data <dir>', 'data folder', 'cvm-data')
    .option('--database-url <url>', 'PostgreSQL operational store')
    .addOption(formatOption())
    .addHelpText('after', `
Example:
  cvm token create --data cvm-data --email analyst@example.com --name "nightly export" --format json
  curl -H "Authorization: Bearer cvm_…" http://127.0.0.1:8080/api/churn.csv`)
    .action(async (flags: { email: string; name: string; data: string; databaseUrl?: string; format: OutputFormat }) => {
      const store = await openUserStore(flags);
      try {
        const user = await findUserForLogin(store.db, flags.email);
        if (!user) throw new CliError('input', `no user with email ${flags.email} (cvm user create first)`);
        const token = await createApiToken(store.db, user.id, flags.name);
        emit(flags.format, { ...token, user: user.email, role: user.role }, () => `${token.token}\n(API token "${token.name}" for ${user.email}, ${user.role}; shown only now)`);
      } finally {
        await store.close();
      }
    });
}
