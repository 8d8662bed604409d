// Accuracy, confusion matrix and per-class precision and recall of predicted classes against actual
// ones (the usual definitions, as in Fawcett 2006, "An introduction to ROC analysis", Pattern
// Recognition Letters 27, §2, taken one class against the rest). Undefined ratios (no row predicted, or none actual, in a class) are null.
import { ModelError } from '../models/model-error.ts';

export interface ClassMetrics {
  /** Of the rows predicted in the class, the share that are in it. */
  readonly precision: number | null;
  /** Of the rows in the class, the share predicted in it. */
  readonly recall: number | null;
  /** Rows actually in the class. */
  readonly support: number;
  readonly predicted: number;
}

export interface ClassificationMetrics {
  readonly n: number;
  readonly accuracy: number;
  /** matrix[actual][predicted] = rows. */
  readonly confusion: number[][];
  readonly perClass: ClassMetrics[];
}

/**
 * @example classificationMetrics(Int32Array.of(0, 1, 1), Int32Array.of(0, 1, 0), 2).accuracy // 2/3
 */
export function classificationMetrics(actual: Int32Array, predicted: Int32Array, classes: number): ClassificationMetrics {
  const n = actual.length;
  if (predicted.length !== n) throw new ModelError('invalid-input', `${n} actual and ${predicted.length} predicted classes`);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let i = 0; i < n; i++) {
    confusion[actual[i]][predicted[i]]++;
    if (actual[i] === predicted[i]) correct++;
  }
  const perClass = confusion.map((row, c) => {
    const support = row.reduce((a, b) => a + b, 0);
    const predictedIn = confusion.reduce((a, r) => a + r[c], 0);
    return {
      precision: predictedIn > 0 ? row[c] / predictedIn : null,
      recall: support > 0 ? row[c] / support : null,
      support, predicted: predictedIn,
    };
  });
  return { n, accuracy: n > 0 ? correct / n : Number.NaN, confusion, perClass };
}
