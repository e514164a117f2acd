import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCrown, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import {
  claimRiskReasons,
  describeRiskReason,
  returnAbuseReasons,
  type RiskReason,
  type RiskSignals,
} from '../../../shared/guidance';

/**
 * The fraud and VIP signals that shape this call's actions, each with its reasons in plain
 * words: a high-risk claim (verification before any reship or refund), frequent returns, a VIP.
 * Nothing shows when no signal reaches its threshold.
 */
export function RiskSignalsPanel({
  signals,
  uiLanguage,
}: {
  signals: RiskSignals;
  uiLanguage: Language;
}) {
  const { t } = useTranslation();
  const { claim, returns, vip, thresholds } = signals;
  if (!claim.high && !returns.high && !vip.eligible) return null;
  const score = (n: number) => n.toFixed(2);
  return (
    <Stack
      gap="xs"
      component="section"
      aria-label={t('outreach.signals.title')}
      data-testid="risk-signals"
    >
      {claim.high && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconShieldCheck size={18} aria-hidden />}
          title={t('outreach.signals.claimRisk', {
            score: score(claim.score),
            threshold: score(thresholds.claimRiskThreshold),
          })}
          data-testid="risk-signal"
          data-signal="claim_risk"
        >
          <Reasons reasons={claimRiskReasons(claim)} uiLanguage={uiLanguage} />
        </Alert>
      )}
      {returns.high && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t('outreach.signals.returnAbuse', {
            score: score(returns.score),
            threshold: score(thresholds.returnAbuseThreshold),
          })}
          data-testid="risk-signal"
          data-signal="return_abuse"
        >
          <Reasons reasons={returnAbuseReasons(returns)} uiLanguage={uiLanguage} />
        </Alert>
      )}
      {vip.eligible && (
        <Group gap="xs" data-testid="risk-signal" data-signal="vip">
          <Badge color="grape" variant="light" leftSection={<IconCrown size={12} aria-hidden />}>
            {t('outreach.signals.vip')}
          </Badge>
          <Text size="xs" c="dimmed">
            {returns.high
              ? t('outreach.reason.instant_exchange_withheld')
              : t('outreach.reason.instant_exchange')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function Reasons({ reasons, uiLanguage }: { reasons: RiskReason[]; uiLanguage: Language }) {
  return (
    <List size="xs" spacing={2}>
      {reasons.map((reason, i) => (
        <List.Item key={i}>{describeRiskReason(reason, uiLanguage)}</List.Item>
      ))}
    </List>
  );
}
