// The one error type of the operational store and its repositories. String codes let the CLI and
// the API map them to exit codes and HTTP statuses in one place without parsing messages.
export type StoreErrorCode =
  | 'connect-failed' // the database could not be opened or reached
  | 'migration-failed' // a schema migration failed; the store was left at the previous version
  | 'invalid-input' // a value the repositories refuse before touching the database
  | 'not-found'; // a referenced row does not exist

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
