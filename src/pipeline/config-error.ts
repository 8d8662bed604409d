// The error type of `cvm analyze`'s configuration file (analyze-config.ts). Codes are strings that
// src/cli/cli-error.ts maps to exit codes.
export type ConfigErrorCode =
  | 'bad-config' // not JSON, an unknown key, or a value out of range
  | 'unreadable-config'; // the file cannot be read

export class ConfigError extends Error {
  readonly code: ConfigErrorCode;
  constructor(code: ConfigErrorCode, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }
}
