// The one error type of the models area. Codes are strings so the CLI and API can map them to exit
// codes and HTTP statuses in one place (src/cli/errors.ts) without parsing messages.
export type ModelErrorCode = 'invalid-input' | 'not-converged' | 'invalid-params' | 'unsupported';

export class ModelError extends Error {
  readonly code: ModelErrorCode;
  constructor(code: ModelErrorCode, message: string) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
  }
}
