import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { ChannelIcon } from './channel-icons';
import { Section } from './Section';

/** Every past contact, on every channel, with why it happened (the reason code). */
export function ContactsSection({
  contacts,
  orderNumbers,
}: {
  contacts: Contact[];
  orderNumbers: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
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
                <Code
                  aria-label={t('contacts.reason')}
                  style={{ flexShrink: 0, whiteSpace: 'nowrap' }}
                >
                  {contact.reasonCode}
                </Code>
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
