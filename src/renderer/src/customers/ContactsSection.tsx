import './card.css';
import { Badge } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/domain';
import { reasonLabel } from '../../../shared/guidance';
import { useGuidanceReference } from '../guidance';
import { currentLanguage } from '../i18n/i18n';
import { useFormatters } from '../i18n/use-formatters';
import { ChannelIcon } from './channel-icons';
import { Section } from './Section';

/** Every past contact, on every channel, with why it happened (the reason, in words). */
export function ContactsSection({
  contacts,
  orderNumbers,
}: {
  contacts: Contact[];
  orderNumbers: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const language = currentLanguage();
  // The reasons' labels; until they arrive (or for a retired code) a reason shows as its code.
  const reference = useGuidanceReference();
  const taxonomy = reference.status === 'success' ? reference.value.taxonomy : undefined;
  return (
    <Section
      title={t('contacts.title')}
      icon={<IconHistory size={20} aria-hidden />}
      count={contacts.length}
      emptyText={t('contacts.empty')}
    >
      <div className="koe-column koe-gap-sm">
        {contacts.map((contact) => (
          <div key={contact.id} className="koe-column koe-gap-2">
            <div className="koe-row koe-gap-6" data-nowrap>
              <ChannelIcon channel={contact.channel} />
              <p className="koe-text" data-size="sm" data-weight="600">
                {t(`contacts.channel.${contact.channel}`)}
              </p>
              <Badge size="xs" variant="outline" color="gray">
                {t(`contacts.direction.${contact.direction}`)}
              </Badge>
              <p className="koe-text" data-size="xs" data-dimmed>
                {format.dateTime(contact.occurredAt)}
              </p>
              {contact.orderId && orderNumbers.has(contact.orderId) && (
                <p className="koe-text" data-size="xs" data-dimmed data-mono>
                  {orderNumbers.get(contact.orderId)}
                </p>
              )}
            </div>
            <div className="koe-row koe-gap-6" data-nowrap data-top>
              {contact.reasonCode ? (
                <Badge
                  size="sm"
                  variant="light"
                  aria-label={t('contacts.reason')}
                  title={contact.reasonCode}
                  data-code={contact.reasonCode}
                  data-testid="contact-reason"
                  style={{ flexShrink: 0 }}
                >
                  {reasonLabel(contact.reasonCode, language, taxonomy)}
                </Badge>
              ) : (
                <p className="koe-text" data-size="xs" data-dimmed>
                  {t('contacts.noReason')}
                </p>
              )}
              <p className="koe-text" data-size="sm">
                {contact.summary}
              </p>
            </div>
          </div>
        ))}
      </div>
    </Section>
  );
}
