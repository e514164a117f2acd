import './card.css';
import { Badge } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReturnRequest } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { Section } from './Section';

const refundColor: Record<ReturnRequest['refundStatus'], string> = {
  not_applicable: 'gray',
  pending: 'yellow',
  processing: 'blue',
  refunded: 'teal',
  failed: 'red',
};

export function ReturnsSection({
  returns,
  orderNumbers,
}: {
  returns: ReturnRequest[];
  orderNumbers: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section
      title={t('returns.title')}
      icon={<IconArrowBackUp size={20} aria-hidden />}
      count={returns.length}
      emptyText={t('returns.empty')}
    >
      <div className="koe-column koe-gap-xs">
        {returns.map((request) => (
          <div
            key={request.id}
            className="koe-paper"
            data-with-border
            data-padding="xs"
            data-radius="md"
          >
            <div className="koe-row" data-between data-nowrap>
              <div className="koe-row koe-gap-6" data-nowrap>
                <Badge variant="light" color={request.kind === 'exchange' ? 'cyan' : 'indigo'}>
                  {t(`returns.kind.${request.kind}`)}
                </Badge>
                <Badge variant="outline" color="gray">
                  {t(`returns.status.${request.status}`)}
                </Badge>
              </div>
              <p className="koe-text koe-tabular" data-size="sm" data-weight="600">
                {format.money(request.amount, request.currency)}
              </p>
            </div>
            <p className="koe-text koe-below-4" data-size="sm">
              {request.reason}
            </p>
            <div className="koe-row koe-below-4">
              <Badge size="sm" variant="dot" color={refundColor[request.refundStatus]}>
                {t('returns.refund', { status: t(`returns.refundStatus.${request.refundStatus}`) })}
              </Badge>
              <p className="koe-text" data-size="xs" data-dimmed>
                {t('returns.order', {
                  orderNumber: orderNumbers.get(request.orderId) ?? request.orderId,
                })}
              </p>
              <p className="koe-text" data-size="xs" data-dimmed>
                {t('returns.requestedAt', { date: format.date(request.requestedAt) })}
              </p>
            </div>
          </div>
        ))}
      </div>
    </Section>
  );
}
