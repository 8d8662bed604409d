// `cvm user create|list` and (in token.ts) `cvm token create`: manage who may sign in to `cvm serve`.
// The password is read from stdin (piped) or typed at a prompt that does not echo: never from a flag,
// where it would end up in the shell history and the process list.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createUser, listUsers } from '../../domain/users/user-repository.ts';
import type { PublicUser } from '../../domain/users/user-repository.ts';
import { operationalStoreOptions } from '../../store/data-folder.ts';
import { openOperationalStore } from '../../store/open-operational-store.ts';
import type { OperationalStore } from '../../store/open-operational-store.ts';
import { CliError } from '../cli-error.ts';
import { refuseWhileServing } from '../serving-guard.ts';
import { emit, formatOption, type OutputFormat } from '../output.ts';

interface StoreFlags { data: string; databaseUrl?: string }

/** Opens the folder's operational store, refusing while a server owns it (PGlite has no lock of its own). */
export async function openUserStore(flags: StoreFlags): Promise<OperationalStore> {
  const dataDir = resolve(flags.data);
  if (flags.databaseUrl === undefined) refuseWhileServing(dataDir, 'manage users in the dashboard or with POST /api/users');
  return openOperationalStore(operationalStoreOptions(dataDir, flags.databaseUrl));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

/** A line typed at the terminal without echo (raw mode), or all of stdin when it is piped. */
export async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return (await readAll(stdin)).replace(/\r?\n$/, '');
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolvePassword, reject) => {
    let typed = '';
    const onData = (s: string): void => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') { finish(); resolvePassword(typed); return; }
        if (ch === '\u0003') { finish(); reject(new CliError('usage', 'cancelled')); return; }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const finish = (): void => { stdin.off('data', onData); stdin.setRawMode(false); stdin.pause(); process.stderr.write('\n'); };
    stdin.on('data', onData);
  });
}

const userLine = (u: PublicUser): string => `${u.id}\t${u.email}\t${u.role}\t${u.name ?? ''}`;

export function registerUser(program: Command): void {
  const user = program.command('user').description('users of cvm serve (admin, analyst, staff)');
  user
    .command('create')
    .description('create a user; the password comes from stdin or a prompt')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--role <role>', 'admin (everything), analyst (all data and imports), staff (customers and lists)')
    .option('--name <name>', 'display name')
    .option('--data <dir>', 'data folder', 'cvm-data')
    .option('--database-url <url>', 'PostgreSQL operational store instead of PGlite in DIR/operational')
    .addOption(formatOption())
    .addHelpText('after', `
Examples:
  cvm user create --data cvm-data --email admin@example.com --role admin        # prompts for the password
  printf '%s' "$PASSWORD" | cvm user create --data cvm-data --email li@example.com --role staff --name 李明 --format json`)
    .action(async (flags: StoreFlags & { email: string; role: string; name?: string; format: OutputFormat }) => {
      const password = await readPassword(`password for ${flags.email}: `);
      const store = await openUserStore(flags);
      try {
        const created = await createUser(store.db, { email: flags.email, role: flags.role, name: flags.name, password });
        emit(flags.format, created, () => `created ${created.role} ${created.email} (id ${created.id})`);
      } finally {
        await store.close();
      }
    });
  user
    .command('list')
    .description('list the users')
    .option('--data <dir>', 'data folder', 'cvm-data')
    .option('--database-url <url>', 'PostgreSQL operational store')
    .addOption(formatOption())
    .addHelpText('after', '\nExample:\n  cvm user list --data cvm-data --format json')
    .action(async (flags: StoreFlags & { format: OutputFormat }) => {
      const store = await openUserStore(flags);
      try {
        const users = await listUsers(store.db);
        emit(flags.format, users, () => (users.length ? users.map(userLine).join('\n') : 'no users yet: cvm user create --email … --role admin'));
      } finally {
        await store.close();
      }
    });
}
