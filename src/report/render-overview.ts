// The overview and data-quality sections: what was read, what was kept, what was set aside and why,
// and what looks wrong in the data. These come first because a manager trusts the numbers further
// down only once every input row is accounted for.
import type { DataQualitySection, OverviewSection, ReasonCount } from './report-data.ts';
import { hasText, unitTextKey, type TextKey } from './report-text.ts';
import { escapeHtml, local, num, tx, type RenderContext } from './html-text.ts';
import { factTable, htmlTable } from './html-table.ts';


/** A dictionary label for a code ('cancelled' → 'reason.cancelled'), or the code itself. */
function labelFor(prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return hasText(key) ? tx(key) : escapeHtml(code);
}

export function renderOverview(o: OverviewSection, ctx: RenderContext): string {
  const count = (n: number) => num(ctx, (f) => f.count(n));
  const unitKey = unitTextKey(o.unit);
  const facts: [string, string][] = [
    [tx('input-file'), `<code>${escapeHtml(o.inputFile)}</code>`],
    [tx('date-range'), `${escapeHtml(o.dateRange.from)} – ${escapeHtml(o.dateRange.to)}`],
    [tx('customers'), count(o.customers)],
    [tx('time-unit'), unitKey ? tx(unitKey) : escapeHtml(o.unit)],
    [tx('rows-read'), count(o.rows.read)],
    [tx('rows-loaded'), count(o.rows.loaded)],
    [tx('rows-excluded'), count(o.rows.excluded)],
    [tx('rows-rejected'), count(o.rows.rejected)],
  ];
  if (o.rows.duplicates !== undefined) facts.push([tx('rows-duplicates'), count(o.rows.duplicates)]);
  if (o.rows.alreadyLoaded) facts.push([tx('rows-already-loaded'), count(o.rows.alreadyLoaded)]);
  if (o.rows.anonymous !== undefined) facts.push([tx('rows-anonymous'), count(o.rows.anonymous)]);
  if (o.rows.fixed !== undefined) facts.push([tx('rows-fixed'), count(o.rows.fixed)]);
  const { read, loaded, excluded, rejected } = o.rows;
  // The import's own accounting (importSales): every row read is loaded, excluded, dropped as an exact
  // duplicate, skipped as loaded before, or rejected, exactly once. The equation is printed with its
  // numbers, so a reader can check it without a calculator.
  const terms: [TextKey, number][] = [
    ['term.loaded', loaded], ['excluded', excluded],
    ...(o.rows.duplicates !== undefined ? [['term.duplicates', o.rows.duplicates] as [TextKey, number]] : []),
    ...(o.rows.alreadyLoaded ? [['term.already-loaded', o.rows.alreadyLoaded] as [TextKey, number]] : []),
    ['rejected', rejected],
  ];
  const accounted = terms.reduce((s, [, n]) => s + n, 0);
  const equation = `${tx('term.read')} ${count(read)} ${read === accounted ? '=' : '≠'} ${terms.map(([k, n]) => `${tx(k)} ${count(n)}`).join(' + ')}`;
  const check = read === accounted
    ? `<p class="ok">✓ ${equation}${tx('colon')}${tx('reconciled')}</p>`
    : `<p class="alert">⚠ ${equation}${tx('colon')}${tx('not-reconciled')} (${count(read - accounted)})</p>`;
  const reasonRows = (outcome: TextKey, list: readonly ReasonCount[]) => list.map((r) => [
    tx(outcome), labelFor('reason.', r.reason), count(r.count), num(ctx, (f) => f.share(read > 0 ? r.count / read : NaN)),
  ]);
  const rows = [
    ...reasonRows('excluded', o.excludedByReason),
    ...reasonRows('dropped', o.rows.duplicates ? [{ reason: 'duplicate', count: o.rows.duplicates }] : []),
    ...reasonRows('skipped', o.rows.alreadyLoaded ? [{ reason: 'already-loaded', count: o.rows.alreadyLoaded }] : []),
    ...reasonRows('rejected', o.rejectedByReason),
  ];
  const reasons = rows.length === 0 ? `<p>${tx('none-set-aside')}</p>` : htmlTable([
    { header: tx('outcome') }, { header: tx('reason') }, { header: tx('rows'), numeric: true }, { header: tx('share-of-read'), numeric: true },
  ], rows, 'reasons');
  return `${factTable(facts)}\n${check}\n<h3>${tx('rows-by-reason')}</h3>\n${reasons}`;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function renderDataQuality(d: DataQualitySection, ctx: RenderContext): string {
  if (d.checks.length === 0) return `<p>${tx('no-checks')}</p>`;
  // Errors first, then the largest counts: the reader's attention goes to the top rows.
  const checks = [...d.checks].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count);
  const rows = checks.map((c) => {
    const label = hasText(c.labelKey) ? tx(c.labelKey) : local(c.label ?? c.labelKey);
    const severity = c.count === 0 ? '<span class="badge ok">✓</span>'
      : `<span class="badge ${c.severity}">${tx(`severity.${c.severity}`)}</span>`;
    const examples = c.examples.slice(0, 5).map((e) => `<code>${escapeHtml(e)}</code>`).join(', ')
      + (c.examples.length > 5 ? ', …' : '');
    return [label, severity, num(ctx, (f) => f.count(c.count)), num(ctx, (f) => f.count(c.total)),
      num(ctx, (f) => f.share(c.total > 0 ? c.count / c.total : NaN)), examples];
  });
  return htmlTable([
    { header: tx('check') }, { header: tx('severity') }, { header: tx('count'), numeric: true },
    { header: tx('out-of'), numeric: true }, { header: tx('share'), numeric: true }, { header: tx('examples') },
  ], rows, 'quality');
}
