import './card.css';
import { Badge } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReturnRequest } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { CaseBox, Section } from './Section';

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
          <CaseBox
            key={request.id}
            head={
              <>
                <Badge variant="light" color={request.kind === 'exchange' ? 'cyan' : 'indigo'}>
                  {t(`returns.kind.${request.kind}`)}
                </Badge>
                <Badge variant="outline" color="gray">
                  {t(`returns.status.${request.status}`)}
                </Badge>
              </>
            }
            amount={format.money(request.amount, request.currency)}
          >
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
          </CaseBox>
        ))}
      </div>
    </Section>
  );
}
