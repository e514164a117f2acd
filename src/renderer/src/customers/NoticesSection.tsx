import './card.css';
import { Badge } from '@mantine/core';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { ChannelIcon } from './channel-icons';
import { Section } from './Section';

/** What the retailer already told the customer, word for word, so the agent does not contradict it. */
export function NoticesSection({
  notices,
  orderNumbers,
}: {
  notices: Notice[];
  orderNumbers: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section
      title={t('notices.title')}
      icon={<IconSpeakerphone size={20} aria-hidden />}
      count={notices.length}
      emptyText={t('notices.empty')}
    >
      <div className="koe-column koe-gap-sm">
        {notices.map((notice) => (
          <div key={notice.id} className="koe-column koe-gap-4">
            <div className="koe-row koe-gap-6" data-nowrap>
              <ChannelIcon channel={notice.channel} />
              <p className="koe-text" data-size="sm" data-weight="600">
                {t('notices.told', {
                  channel: t(`notices.channel.${notice.channel}`),
                  date: format.date(notice.sentAt),
                })}
              </p>
              <Badge size="xs" variant="light" color="gray">
                {t(`notices.kind.${notice.kind}`)}
              </Badge>
              {notice.orderId && orderNumbers.has(notice.orderId) && (
                <p className="koe-text" data-size="xs" data-dimmed data-mono>
                  {orderNumbers.get(notice.orderId)}
                </p>
              )}
            </div>
            <div className="koe-notice-message" lang={notice.language}>
              <p className="koe-text" data-size="sm">
                {notice.message}
              </p>
            </div>
          </div>
        ))}
      </div>
    </Section>
  );
}
