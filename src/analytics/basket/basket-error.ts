// The one error type of the basket (association rules) area. Its codes are ones src/cli/cli-error.ts
// already maps (66 missing input, 65 bad data, 64 bad option), so the CLI needs no new entries.
export type BasketErrorCode =
  | 'unreadable-input' // the file is missing or cannot be read
  | 'invalid-input' // no baskets, no items, a column that is not there
  | 'invalid-option'; // a threshold or length out of range, an unknown --rhs item

export class BasketError extends Error {
  readonly code: BasketErrorCode;
  constructor(code: BasketErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BasketError';
    this.code = code;
  }
}
