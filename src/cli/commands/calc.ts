// `cvm calc`: the course material's customer-economics calculators.
import type { Command } from 'commander';
import { retentionValue, substituteValue } from '../../analytics/economics/customer-economics.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, num, type OutputFormat } from '../output.ts';

const number = (flag: string, v: string): number => {
  const n = Number(v);
  if (v === undefined || v === '' || !Number.isFinite(n)) throw new CliError('usage', `${flag} must be a number, got "${v}"`);
  return n;
};

export function registerCalc(program: Command): void {
  const calc = program.command('calc').description('customer-economics calculators: retention value (客户持续价值), substitute value (转移成本)');
  calc
    .command('retention-value')
    .description('CLV = m·r/(1+d−r): margin m per period, retention r, discount d per period')
    .requiredOption('--margin <m>', 'margin per period')
    .requiredOption('--retention <r>', 'retention rate per period, 0–1')
    .option('--discount <d>', 'discount rate per period', '0')
    .addOption(formatOption())
    .addHelpText('after', '\nExample:\n  cvm calc retention-value --margin 2080 --retention 0.9 --discount 0.1')
    .action((o: { margin: string; retention: string; discount: string; format: OutputFormat }) => {
      const m = number('--margin', o.margin), r = number('--retention', o.retention), d = number('--discount', o.discount);
      if (!(r >= 0 && r <= 1)) throw new CliError('usage', '--retention must be between 0 and 1');
      if (!(d >= 0) || r >= 1 + d) throw new CliError('usage', '--discount must be ≥ 0 and retention below 1 + discount (else the value is infinite)');
      const value = retentionValue(m, r, d);
      emit(o.format, { margin: m, retention: r, discount: d, value }, () => `retention value = ${num(m)} × ${num(r)} / (1 + ${num(d)} − ${num(r)}) = ${num(value, 8)}`);
    });
  calc
    .command('substitute-value')
    .description('SV = Q·(U−P) − O − M − S: what a competitor\'s offer is worth to the customer')
    .requiredOption('--quantity <Q>', 'quantity the customer buys')
    .requiredOption('--utility <U>', 'value to the customer of one unit of the substitute')
    .requiredOption('--price <P>', 'the substitute\'s unit price')
    .option('--other-costs <O>', 'other costs of choosing the substitute', '0')
    .option('--maintenance-cost <M>', 'cost of keeping the new relationship', '0')
    .option('--switching-cost <S>', 'search and switching cost', '0')
    .option('--our-value <V>', 'value we deliver, to say whether the customer stays')
    .addOption(formatOption())
    .addHelpText('after', '\nExample:\n  cvm calc substitute-value --quantity 10 --utility 12 --price 9 --switching-cost 6 --our-value 20')
    .action((o: Record<string, string> & { format: OutputFormat }) => {
      const inputs = {
        quantity: number('--quantity', o.quantity), utility: number('--utility', o.utility), price: number('--price', o.price),
        otherCosts: number('--other-costs', o.otherCosts), maintenanceCost: number('--maintenance-cost', o.maintenanceCost), switchingCost: number('--switching-cost', o.switchingCost),
      };
      const sv = substituteValue(inputs);
      const ours = o.ourValue !== undefined ? number('--our-value', o.ourValue) : undefined;
      const stays = ours === undefined ? null : ours > sv;
      emit(o.format, { ...inputs, substituteValue: sv, ourValue: ours ?? null, stays }, () =>
        `substitute value = ${num(inputs.quantity)}·(${num(inputs.utility)} − ${num(inputs.price)}) − ${num(inputs.otherCosts)} − ${num(inputs.maintenanceCost)} − ${num(inputs.switchingCost)} = ${num(sv, 8)}` +
        (stays === null ? '' : stays ? `\nour value ${num(ours as number)} exceeds it: the customer stays` : `\nour value ${num(ours as number)} does not exceed it: the customer is likely to switch`));
    });
}
