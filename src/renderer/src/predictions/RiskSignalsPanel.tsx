import { Alert, Badge, Group, List, Text } from '@mantine/core';
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
import { SignalsSection } from './SignalsSection';

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
  const scored = (risk: { score: number }, threshold: number) => ({
    score: risk.score.toFixed(2),
    threshold: threshold.toFixed(2),
  });
  return (
    <SignalsSection label={t('outreach.signals.title')} testId="risk-signals">
      {claim.high && (
        <RiskAlert
          signal="claim_risk"
          look={{ color: 'orange', Icon: IconShieldCheck }}
          title={t('outreach.signals.claimRisk', scored(claim, thresholds.claimRiskThreshold))}
          reasons={claimRiskReasons(claim)}
          uiLanguage={uiLanguage}
        />
      )}
      {returns.high && (
        <RiskAlert
          signal="return_abuse"
          look={{ color: 'yellow', Icon: IconAlertTriangle }}
          title={t(
            'outreach.signals.returnAbuse',
            scored(returns, thresholds.returnAbuseThreshold),
          )}
          reasons={returnAbuseReasons(returns)}
          uiLanguage={uiLanguage}
        />
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
    </SignalsSection>
  );
}

/** One risk that reached its threshold: what it is (title) and why (its reasons in words). */
function RiskAlert({
  signal,
  look: { color, Icon },
  title,
  reasons,
  uiLanguage,
}: {
  signal: 'claim_risk' | 'return_abuse';
  look: { color: string; Icon: typeof IconShieldCheck };
  title: string;
  reasons: RiskReason[];
  uiLanguage: Language;
}) {
  return (
    <Alert
      color={color}
      variant="light"
      icon={<Icon size={18} aria-hidden />}
      title={title}
      data-testid="risk-signal"
      data-signal={signal}
    >
      <Reasons reasons={reasons} uiLanguage={uiLanguage} />
    </Alert>
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
