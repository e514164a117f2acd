import { Badge, Box, Group, Stack, Text } from '@mantine/core';
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
      <Stack gap="sm">
        {notices.map((notice) => (
          <Stack key={notice.id} gap={4}>
            <Group gap={6} wrap="nowrap">
              <ChannelIcon channel={notice.channel} />
              <Text size="sm" fw={600}>
                {t('notices.told', {
                  channel: t(`notices.channel.${notice.channel}`),
                  date: format.date(notice.sentAt),
                })}
              </Text>
              <Badge size="xs" variant="light" color="gray">
                {t(`notices.kind.${notice.kind}`)}
              </Badge>
              {notice.orderId && orderNumbers.has(notice.orderId) && (
                <Text size="xs" c="dimmed" ff="monospace">
                  {orderNumbers.get(notice.orderId)}
                </Text>
              )}
            </Group>
            <Box
              pl="sm"
              style={{ borderLeft: '3px solid var(--mantine-color-indigo-light-color)' }}
              lang={notice.language}
            >
              <Text size="sm">{notice.message}</Text>
            </Box>
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}
