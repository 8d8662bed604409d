// The model section: which purchase model was chosen and why, its parameters with standard errors,
// the candidates it was compared with, the spend model, then the checks against the data
// (render-model-checks.ts). Parameter names are the papers' (Fader, Hardie & Lee 2005 for BG/NBD,
// Schmittlein, Morrison & Colombo 1987 for Pareto/NBD, Fader, Hardie & Lee 2005b for Gamma-Gamma).
import { isUnavailable, type ModelSection, type ParamEstimate } from './report-data.ts';
import { escapeHtml, local, num, tx, unavailableNote, type RenderContext } from './html-text.ts';
import { reportText } from './report-text.ts';
import { factTable, htmlTable } from './html-table.ts';
import { renderFrequencyHistogram, renderHoldout, renderTracking } from './render-model-checks.ts';

const MODEL_NAMES: Record<string, string> = {
  bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', pnbd: 'Pareto/NBD', bgbb: 'BG/BB', sbg: 'sBG', gg: 'Gamma-Gamma',
};
const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ', nu: 'ν', delta: 'δ' };

export function modelLabel(name: string): string {
  return escapeHtml(MODEL_NAMES[name] ?? name);
}

function paramTable(params: readonly ParamEstimate[], ctx: RenderContext, className: string): string {
  return htmlTable(
    [{ header: tx('parameter') }, { header: tx('estimate'), numeric: true }, { header: tx('std-error'), numeric: true }],
    params.map((p) => [
      `<var>${escapeHtml(GREEK[p.name] ?? p.name)}</var>`,
      num(ctx, (f) => f.significant(p.value, 4)),
      p.se === null ? '—' : num(ctx, (f) => f.significant(p.se ?? NaN, 3)),
    ]),
    className,
  );
}

export function renderModel(m: ModelSection, ctx: RenderContext): string {
  const fixed1 = (v: number) => num(ctx, (f) => f.fixed(v, 1));
  const parts: string[] = [
    `<p class="lead"><strong>${tx('chosen-model')}:</strong> ${modelLabel(m.chosen)}</p>`,
    `<p><strong>${tx('why')}:</strong> ${local(m.reason)}</p>`,
    '<div class="columns">',
    paramTable(m.params, ctx, 'params'),
    factTable([
      [tx('customers'), num(ctx, (f) => f.count(m.customers))],
      [tx('log-lik'), fixed1(m.logLik)],
      ['AIC', fixed1(m.aic)],
      ['BIC', fixed1(m.bic)],
    ]),
    '</div>',
  ];
  if (m.candidates.length > 0) {
    parts.push(`<h3>${tx('candidates')}</h3>`, htmlTable(
      [{ header: tx('model-name') }, { header: tx('log-lik'), numeric: true }, { header: 'BIC', numeric: true }, { header: '' }],
      m.candidates.map((c) => [modelLabel(c.model), fixed1(c.logLik), fixed1(c.bic), c.model === m.chosen ? `✓ ${tx('chosen')}` : '']),
      'candidates',
    ));
  }
  parts.push(`<h3>${tx('spend-model')}</h3>`);
  if (m.spend === undefined || isUnavailable(m.spend)) {
    parts.push(unavailableNote(m.spend?.unavailable ?? reportText('not-computed')));
  } else {
    const s = m.spend;
    parts.push(`<p>${modelLabel(s.model)}</p>`, '<div class="columns">', paramTable(s.params, ctx, 'spend-params'), factTable([
      [tx('spend-customers'), num(ctx, (f) => f.count(s.customers))],
      [tx('log-lik'), fixed1(s.logLik)],
    ]), '</div>');
  }
  parts.push(renderHoldout(m.holdout, ctx, m.chosen), renderFrequencyHistogram(m.frequencyHistogram, ctx), renderTracking(m.tracking, ctx));
  return parts.join('\n');
}
