// The settings object (GET/PUT /api/settings) as editable rows and back: names must be unique and
// non-empty, numbers finite (weights not negative), notes non-empty. A problem comes back as text.

export interface Settings {
  thresholds: Record<string, number>;
  weights: Record<string, number>;
  segmentMap: Record<string, string>;
}

export interface Row {
  key: string;
  /** As typed: numbers are parsed when saving so a half-typed "0." is not lost. */
  value: string;
}

export type SettingsRows = Record<keyof Settings, Row[]>;

const NAME = /^[\w.-]{1,64}$/;

export function toRows(s: Settings): SettingsRows {
  const rows = (r: Record<string, number | string>) => Object.entries(r).map(([key, v]) => ({ key, value: String(v) }));
  return { thresholds: rows(s.thresholds), weights: rows(s.weights), segmentMap: rows(s.segmentMap) };
}

export function fromRows(r: SettingsRows): Settings | string {
  const names = (part: keyof Settings): string | null => {
    const seen = new Set<string>();
    for (const row of r[part]) {
      if (!NAME.test(row.key)) return `${part}: "${row.key}" is not a name (letters, digits, _ . -)`;
      if (seen.has(row.key)) return `${part}: "${row.key}" appears twice`;
      seen.add(row.key);
    }
    return null;
  };
  for (const part of ['thresholds', 'weights', 'segmentMap'] as const) {
    const problem = names(part);
    if (problem) return problem;
  }
  const numbers = (part: 'thresholds' | 'weights', min: number): Record<string, number> | string => {
    const out: Record<string, number> = {};
    for (const row of r[part]) {
      const v = Number(row.value);
      if (row.value.trim() === '' || !Number.isFinite(v) || v < min) return `${part}.${row.key}: "${row.value}" is not a number${min > -Infinity ? ` ≥ ${min}` : ''}`;
      out[row.key] = v;
    }
    return out;
  };
  const thresholds = numbers('thresholds', -Infinity);
  if (typeof thresholds === 'string') return thresholds;
  const weights = numbers('weights', 0);
  if (typeof weights === 'string') return weights;
  const segmentMap: Record<string, string> = {};
  for (const row of r.segmentMap) {
    if (row.value.trim() === '') return `segmentMap.${row.key}: empty`;
    segmentMap[row.key] = row.value.trim();
  }
  return { thresholds, weights, segmentMap };
}
