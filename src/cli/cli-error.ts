// One place maps every area's error codes to CLI exit codes and clean messages: users never see a
// stack trace. Unknown errors print their message and exit 70 (EX_SOFTWARE); CVM_DEBUG=1 shows stacks.
import { ModelError } from '../analytics/models/model-error.ts';

export type CliErrorCode = 'usage' | 'input' | 'io' | 'busy';

export class CliError extends Error {
  readonly code: CliErrorCode;
  constructor(code: CliErrorCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }
}

/** Exit codes follow sysexits.h: 64 usage, 65 bad input data, 66 missing input, 70 internal, 73 cannot create output. */
const EXIT: Record<string, number> = {
  usage: 64, input: 65, io: 66, busy: 75,
  'invalid-input': 65, 'invalid-params': 65, 'not-converged': 65, unsupported: 64,
  // SummaryError (src/analytics/summary/summary-error.ts)
  'missing-column': 65, 'bad-date': 65, 'bad-amount': 65, 'bad-customer': 65, 'no-transactions': 65,
  'invalid-option': 64, 'unreadable-input': 66, 'unwritable-output': 73,
  // StoreError (src/store/store-error.ts): 69 = service unavailable, 70 = internal, 65 = data
  'connect-failed': 69, 'migration-failed': 70, 'not-found': 65,
  // IngestError (src/ingest/ingest-error.ts); 'unreadable-input' and 'unwritable-output' as above, 75 = try again later
  'empty-file': 65, 'binary-file': 65, 'bad-encoding': 65, 'missing-columns': 65, 'bad-mapping': 64,
  'unsupported-kind': 64, 'strict-rejects': 65, 'all-rejected': 65, 'store-busy': 75,
  // UserError (src/domain/users/user-error.ts)
  'invalid-user': 65, 'user-exists': 65, 'user-not-found': 65, 'last-admin': 65,
  // ConfigError (src/pipeline/config-error.ts)
  'bad-config': 64, 'unreadable-config': 66,
};

interface CodedError { code: string; message: string }
const hasCode = (e: unknown): e is CodedError =>
  e instanceof Error && typeof (e as Partial<CodedError>).code === 'string';

/** Returns the exit code and the message to show for any thrown value. */
export function describeError(e: unknown): { exitCode: number; message: string } {
  if (e instanceof CliError || e instanceof ModelError || (hasCode(e) && e.code in EXIT)) {
    return { exitCode: EXIT[(e as CodedError).code] ?? 65, message: (e as Error).message };
  }
  if (hasCode(e) && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR')) return { exitCode: 66, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { exitCode: 70, message: `internal error: ${message}` };
}
