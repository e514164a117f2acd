import './card.css';
import { Badge } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DeliveryClaim } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { CaseBox, Section } from './Section';

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
          <CaseBox
            key={claim.id}
            head={
              <>
                <p className="koe-text" data-size="sm" data-weight="600">
                  {t(`claims.type.${claim.type}`)}
                </p>
                <Badge variant="light" color={claimStatusColor[claim.status]}>
                  {t(`claims.status.${claim.status}`)}
                </Badge>
              </>
            }
            amount={format.money(claim.amount, claim.currency)}
          >
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
          </CaseBox>
        ))}
      </div>
    </Section>
  );
}
