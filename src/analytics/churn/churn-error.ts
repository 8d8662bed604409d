// The one error type of the churn area. Its codes are ones src/cli/cli-error.ts already maps
// (65 bad data, 64 bad option), so the CLI needs no new entries.
export type ChurnErrorCode =
  | 'invalid-input' // P(alive) outside [0, 1], a negative value, columns of different lengths
  | 'invalid-option'; // a threshold or share out of range

export class ChurnError extends Error {
  readonly code: ChurnErrorCode;
  constructor(code: ChurnErrorCode, message: string) {
    super(message);
    this.name = 'ChurnError';
    this.code = code;
  }
}
