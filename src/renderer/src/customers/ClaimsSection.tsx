import './card.css';
import { Badge } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DeliveryClaim } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { Section } from './Section';

const claimStatusColor: Record<DeliveryClaim['status'], string> = {
  open: 'orange',
  investigating: 'yellow',
  resolved: 'teal',
  rejected: 'gray',
};

export function ClaimsSection({
  claims,
  orderNumbers,
}: {
  claims: DeliveryClaim[];
  orderNumbers: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section
      title={t('claims.title')}
      icon={<IconAlertOctagon size={20} aria-hidden />}
      count={claims.length}
      emptyText={t('claims.empty')}
    >
      <div className="koe-column koe-gap-xs">
        {claims.map((claim) => (
          <div
            key={claim.id}
            className="koe-paper"
            data-with-border
            data-padding="xs"
            data-radius="md"
          >
            <div className="koe-row" data-between data-nowrap>
              <div className="koe-row koe-gap-6" data-nowrap>
                <p className="koe-text" data-size="sm" data-weight="600">
                  {t(`claims.type.${claim.type}`)}
                </p>
                <Badge variant="light" color={claimStatusColor[claim.status]}>
                  {t(`claims.status.${claim.status}`)}
                </Badge>
              </div>
              <p className="koe-text koe-tabular" data-size="sm" data-weight="600">
                {format.money(claim.amount, claim.currency)}
              </p>
            </div>
            <div className="koe-row koe-below-4">
              {claim.outcome && (
                <p className="koe-text" data-size="xs">
                  {t('claims.outcomeLabel', { outcome: t(`claims.outcome.${claim.outcome}`) })}
                </p>
              )}
              <p className="koe-text" data-size="xs" data-dimmed>
                {t('returns.order', {
                  orderNumber: orderNumbers.get(claim.orderId) ?? claim.orderId,
                })}
              </p>
              <p className="koe-text" data-size="xs" data-dimmed>
                {t('claims.openedAt', { date: format.date(claim.openedAt) })}
              </p>
              {claim.resolvedAt && (
                <p className="koe-text" data-size="xs" data-dimmed>
                  {t('claims.resolvedAt', { date: format.date(claim.resolvedAt) })}
                </p>
              )}
            </div>
          </div>
        ))}
      </div>
    </Section>
  );
}
