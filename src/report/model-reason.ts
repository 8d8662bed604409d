// The model-choice reason that the value pipeline writes (value-pipeline.ts explainChoice) in
// Simplified Chinese. The pipeline keeps one English sentence (the CLI prints it, saved runs store it);
// report.html and the dashboard show it in the reader's language. A wording not listed here stays
// English, so an older saved run or a new reason is never mistranslated.

const DEFAULT = /^(BG\/NBD), the default \(--model auto also fits Pareto\/NBD and keeps the better\)$/;
const REQUESTED = /^(BG\/NBD|Pareto\/NBD) as requested$/;
const ONLY = /^(BG\/NBD|Pareto\/NBD), the only one of the two models that could be fitted \((BG\/NBD|Pareto\/NBD): ([\s\S]*)\)$/;
const BETTER = /^(BG\/NBD|Pareto\/NBD) fits better \(BIC lower by (-?[\d.]+); both have 4 parameters, so this is the higher likelihood\)(; the difference is small, so either model would serve)?$/;

/** The Chinese sentence for a reason explainChoice writes, or null for any other text. */
export function modelReasonZh(text: string): string | null {
  const byDefault = DEFAULT.exec(text);
  if (byDefault) return `${byDefault[1]}（默认模型；--model auto 会同时拟合 Pareto/NBD 并保留更好的一个）`;
  const requested = REQUESTED.exec(text);
  if (requested) return `${requested[1]}（按要求指定）`;
  const only = ONLY.exec(text);
  if (only) return `${only[1]}（两个模型中唯一能拟合的；${only[2]}：${only[3]}）`;
  const better = BETTER.exec(text);
  if (better) {
    const small = better[3] ? '；差距很小，两个模型都可使用' : '';
    return `${better[1]} 拟合更好（BIC 低 ${better[2]}；两个模型都有 4 个参数，所以它的似然也更高）${small}`;
  }
  return null;
}
