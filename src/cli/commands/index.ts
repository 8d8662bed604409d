// Every CLI command, registered in the order `cvm --help` lists them.
import type { Command } from 'commander';
import { registerAnalyze } from './analyze.ts';
import { registerBasket } from './basket.ts';
import { registerCalc } from './calc.ts';
import { registerCluster } from './cluster.ts';
import { registerChurn } from './churn.ts';
import { registerDiagnose } from './diagnose.ts';
import { registerFit } from './fit.ts';
import { registerHotProducts } from './hot-products.ts';
import { registerLifecycle } from './lifecycle.ts';
import { registerLoyalty } from './loyalty.ts';
import { registerImport } from './import.ts';
import { registerPredict } from './predict.ts';
import { registerPyramid } from './pyramid.ts';
import { registerReplenishment } from './replenishment.ts';
import { registerRfm } from './rfm.ts';
import { registerQuality } from './quality.ts';
import { registerServe } from './serve.ts';
import { registerSummary } from './summary.ts';
import { registerSurvival } from './survival.ts';
import { registerToken } from './token.ts';
import { registerUser } from './user.ts';

export function registerCommands(program: Command): void {
  registerAnalyze(program);
  registerImport(program);
  registerQuality(program);
  registerServe(program);
  registerUser(program);
  registerToken(program);
  registerSummary(program);
  registerFit(program);
  registerPredict(program);
  registerDiagnose(program);
  registerSurvival(program);
  registerChurn(program);
  registerCalc(program);
  registerCluster(program);
  registerLifecycle(program);
  registerBasket(program);
  registerRfm(program);
  registerPyramid(program);
  registerHotProducts(program);
  registerReplenishment(program);
  registerLoyalty(program);
}
