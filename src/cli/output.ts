// Presentation for CLI commands: every command takes --format text|json; json prints exactly one
// JSON document on stdout so scripts and tests read results without scraping text.
import { Option } from 'commander';

export type OutputFormat = 'text' | 'json';

export const formatOption = (): Option =>
  new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

/** Prints a result: JSON as one document, text through the given renderer. */
export function emit(format: OutputFormat, value: unknown, text: () => string): void {
  if (format === 'json') process.stdout.write(JSON.stringify(value, jsonReplacer, 2) + '\n');
  else process.stdout.write(text() + '\n');
}

/** Typed arrays and non-finite numbers have no JSON form of their own: write arrays and null. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as Float64Array);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** Messages about progress go to stderr so stdout stays machine-readable. */
export const info = (message: string): void => { process.stderr.write(message + '\n'); };

/** A number for people: up to `digits` significant digits, no exponent for ordinary magnitudes. */
export const num = (v: number, digits = 6): string => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : String(v));
