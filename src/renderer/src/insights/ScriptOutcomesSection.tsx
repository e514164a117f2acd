import { Progress, Table, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InsightsResponse } from '../../../shared/protocol/insights';
import { percent } from './insights-data';
import { InsightsSection } from './InsightsSection';
import { ScrollTable } from '../app/ScrollTable';

/** Resolution, sentiment and after-call work per script version: did a new version help? */
export function ScriptOutcomesSection({ insights }: { insights: InsightsResponse }) {
  const { t } = useTranslation();
  return (
    <InsightsSection title={t('insights.scripts.title')} testId="insights-scripts">
      <ScrollTable
        minWidth={560}
        verticalSpacing={6}
        fz="sm"
        striped
        head={
          <>
            <Table.Th>{t('insights.scripts.script')}</Table.Th>
            <Table.Th>{t('insights.scripts.version')}</Table.Th>
            <Table.Th ta="right">{t('insights.calls')}</Table.Th>
            <Table.Th ta="right">{t('insights.scripts.resolutionRate')}</Table.Th>
            <Table.Th w={180}>{t('insights.scripts.sentiment')}</Table.Th>
            <Table.Th ta="right">{t('insights.scripts.acw')}</Table.Th>
          </>
        }
      >
        {insights.byScriptVersion.map((s) => {
          const share = (n: number) => (s.count ? (n / s.count) * 100 : 0);
          return (
            <Table.Tr key={`${s.scriptId}|${s.scriptVersion}`} data-testid="insights-script-row">
              <Table.Td>{s.scriptId ?? t('insights.scripts.noScript')}</Table.Td>
              <Table.Td>
                {s.scriptVersion === null
                  ? '—'
                  : t('insights.scripts.versionValue', { version: s.scriptVersion })}
              </Table.Td>
              <Table.Td ta="right">{s.count}</Table.Td>
              <Table.Td ta="right">{percent(s.count ? s.resolved / s.count : 0)}</Table.Td>
              <Table.Td>
                <Progress.Root size="md">
                  {(['positive', 'neutral', 'negative'] as const).map((k) => (
                    <Tooltip
                      key={k}
                      label={`${t(`insights.sentiment.${k}`)} ${Math.round(share(s[k]))}%`}
                    >
                      <Progress.Section
                        value={share(s[k])}
                        aria-label={t(`insights.sentiment.${k}`)}
                        color={k === 'positive' ? 'teal' : k === 'neutral' ? 'gray.4' : 'red'}
                      />
                    </Tooltip>
                  ))}
                </Progress.Root>
              </Table.Td>
              <Table.Td ta="right">
                {t('insights.scripts.acwValue', {
                  seconds: Math.round(s.averageAfterCallWorkSeconds),
                })}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ScrollTable>
    </InsightsSection>
  );
}
