// Users made the way an operator makes the first admin: `cvm user create` on the data folder, before
// the server starts (the server has no sign-up page, by design).
import { runCvm } from './run-cvm.ts';

export interface NewUser {
  email: string;
  password: string;
  role: 'admin' | 'analyst' | 'staff';
  name?: string;
}

/** Runs `cvm user create --data DIR --email … --role … [--name …]` with the password on stdin, as its help shows. */
export async function createUserWithCli(dataDir: string, user: NewUser): Promise<void> {
  const args = ['user', 'create', '--data', dataDir, '--email', user.email, '--role', user.role, '--format', 'json'];
  if (user.name) args.push('--name', user.name);
  await runCvm(args, { input: user.password });
}
