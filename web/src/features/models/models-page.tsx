// Models: the fitted purchase and spend models (parameters, standard errors, log-likelihood, why this
// model) and their checks (frequency histogram, holdout calibration, tracking).
import { Grid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/api-client.ts';
import {
  isUnavailable, type FrequencyBin, type HoldoutSection, type ModelSection, type ParamEstimate, type Section, type TrackingSection,
} from '../../../../src/report/report-data.ts';
import { Num } from '../../components/num.tsx';
import { QueryView } from '../../components/query-view.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { UnavailableNotice } from '../../components/unavailable-notice.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { modelReason } from '../../i18n/data-words.ts';
import { CalibrationChart, FrequencyChart, TrackingChart } from './model-charts.tsx';

export interface Diagnostics {
  frequencyHistogram?: FrequencyBin[];
  holdout?: Section<HoldoutSection>;
  tracking?: Section<TrackingSection>;
}

export function ModelsPage() {
  const { t } = useI18n();
  const models = useQuery({ queryKey: ['/models'], queryFn: () => apiGet<Section<ModelSection>>('/models') });
  const diagnostics = useQuery({ queryKey: ['/diagnostics'], queryFn: () => apiGet<Section<Diagnostics>>('/diagnostics') });
  return (
    <Stack>
      <Title order={2}>{t('nav.models')}</Title>
      <SectionCard title={t('models.fit')} testId="section-models">
        <QueryView query={models} id="models">{(m) => <ModelFit m={m} />}</QueryView>
      </SectionCard>
      <QueryView query={diagnostics} id="diagnostics">{(d) => <DiagnosticsView d={d} chosen={models.data && !isUnavailable(models.data) ? models.data.chosen : undefined} />}</QueryView>
    </Stack>
  );
}

function ParamTable({ params, id }: { params: ParamEstimate[]; id: string }) {
  const { t } = useI18n();
  return (
    <Table>
      <Table.Thead>
        <Table.Tr><Table.Th>{t('models.param')}</Table.Th><Table.Th ta="right">{t('models.estimate')}</Table.Th><Table.Th ta="right">{t('models.se')}</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {params.map((p) => (
          <Table.Tr key={p.name}>
            <Table.Td>{p.name}</Table.Td>
            <Table.Td ta="right"><Num value={p.value} kind="significant" testId={`${id}-${p.name}`} /></Table.Td>
            <Table.Td ta="right"><Num value={p.se} kind="significant" testId={`${id}-${p.name}-se`} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ModelFit({ m }: { m: ModelSection }) {
  const { t, local, lang } = useI18n();
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Text fw={600} data-testid="models-chosen" data-value={m.chosen}>{t('models.chosen')}: {m.chosen}</Text>
        <Text size="sm" c="dimmed" mb="xs">{modelReason(local(m.reason), lang)}</Text>
        <ParamTable params={m.params} id="models-param" />
        <Text size="sm" mt="xs">
          {t('models.logLik')} <Num value={m.logLik} kind="fixed2" testId="models-loglik" /> · AIC <Num value={m.aic} kind="fixed2" testId="models-aic" /> · BIC <Num value={m.bic} kind="fixed2" testId="models-bic" />
          {' '}· {t('col.customers')} <Num value={m.customers} testId="models-customers" />
        </Text>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Text fw={600}>{t('models.spend')}</Text>
        {m.spend === undefined ? <Text c="dimmed">—</Text>
          : isUnavailable(m.spend) ? <UnavailableNotice reason={m.spend.unavailable} testId="models-spend-unavailable" />
            : (
              <>
                <ParamTable params={m.spend.params} id="models-spend" />
                <Text size="sm" mt="xs">{t('models.logLik')} <Num value={m.spend.logLik} kind="fixed2" testId="models-spend-loglik" /></Text>
              </>
            )}
      </Grid.Col>
    </Grid>
  );
}

function DiagnosticsView({ d, chosen }: { d: Diagnostics; chosen?: string }) {
  const { t } = useI18n();
  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <SectionCard title={t('models.histogram')} testId="section-histogram">
          {d.frequencyHistogram && d.frequencyHistogram.length > 0
            ? <FrequencyChart bins={d.frequencyHistogram} />
            : <Text c="dimmed">{t('app.unavailable')}</Text>}
        </SectionCard>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <SectionCard title={t('models.calibration')} testId="section-calibration">
          {d.holdout === undefined ? <Text c="dimmed">{t('app.unavailable')}</Text>
            : isUnavailable(d.holdout) ? <UnavailableNotice reason={d.holdout.unavailable} testId="calibration-unavailable" />
              : (
                <>
                  <Text size="sm" c="dimmed">
                    {d.holdout.calibrationEnd} → {d.holdout.holdoutEnd} · MAE <Num value={d.holdout.mae} kind="significant" testId="holdout-mae" />
                    {' '}· RMSE <Num value={d.holdout.rmse} kind="significant" testId="holdout-rmse" />
                    {d.holdout.pAliveAuc !== null && <> · {t('models.aucPAlive')} <Num value={d.holdout.pAliveAuc} kind="probability" testId="holdout-auc" /></>}
                    {d.holdout.expectedPurchasesAuc !== null && <> · {t('models.aucExpected')} <Num value={d.holdout.expectedPurchasesAuc} kind="probability" testId="holdout-auc-expected" /></>}
                  </Text>
                  {d.holdout.pAliveAuc !== null && d.holdout.pAliveAuc < 0.5 && (
                    // As in report.html (render-model-checks.ts pAliveNote): a P(alive) that ranks repeat
                    // buyers worse than chance looks like a broken model unless the reason is given.
                    <Text size="sm" mt="xs" data-testid="holdout-palive-note">
                      {t('models.pAliveLow')}{chosen === 'bgnbd' || chosen === 'mbgnbd' ? ` ${t('models.pAliveLowBgnbd')}` : ''} {t('models.pAliveLowUse')}
                    </Text>
                  )}
                  <CalibrationChart holdout={d.holdout} />
                </>
              )}
        </SectionCard>
      </Grid.Col>
      <Grid.Col span={12}>
        <SectionCard title={t('models.tracking')} testId="section-tracking">
          {d.tracking === undefined ? <Text c="dimmed">{t('app.unavailable')}</Text>
            : isUnavailable(d.tracking) ? <UnavailableNotice reason={d.tracking.unavailable} testId="tracking-unavailable" />
              : <TrackingChart tracking={d.tracking} />}
        </SectionCard>
      </Grid.Col>
    </Grid>
  );
}
