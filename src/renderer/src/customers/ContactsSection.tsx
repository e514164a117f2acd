import { Badge, Group, Stack, Text } from '@mantine/core';
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
      <Stack gap="sm">
        {contacts.map((contact) => (
          <Stack key={contact.id} gap={2}>
            <Group gap={6} wrap="nowrap">
              <ChannelIcon channel={contact.channel} />
              <Text size="sm" fw={600}>
                {t(`contacts.channel.${contact.channel}`)}
              </Text>
              <Badge size="xs" variant="outline" color="gray">
                {t(`contacts.direction.${contact.direction}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {format.dateTime(contact.occurredAt)}
              </Text>
              {contact.orderId && orderNumbers.has(contact.orderId) && (
                <Text size="xs" c="dimmed" ff="monospace">
                  {orderNumbers.get(contact.orderId)}
                </Text>
              )}
            </Group>
            <Group gap={6} wrap="nowrap" align="flex-start">
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
                <Text size="xs" c="dimmed">
                  {t('contacts.noReason')}
                </Text>
              )}
              <Text size="sm">{contact.summary}</Text>
            </Group>
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}
