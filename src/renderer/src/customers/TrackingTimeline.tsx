import { Button, Stack, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackingEvent } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';

/**
 * The carrier's scans, newest first: the agent reads where the parcel is now before its history.
 * With `limit`, only the newest scans show until the agent asks for the rest (a parcel at the top
 * of a small screen).
 */
export function TrackingTimeline({ events, limit }: { events: TrackingEvent[]; limit?: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [showAll, setShowAll] = useState(false);
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('shipments.noEvents')}
      </Text>
    );
  }
  const sorted = [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  const hidden = limit !== undefined && !showAll ? Math.max(0, sorted.length - limit) : 0;
  const newestFirst = hidden > 0 ? sorted.slice(0, limit) : sorted;
  const timeline = (
    <Timeline
      active={newestFirst.length - 1}
      bulletSize={14}
      lineWidth={2}
      aria-label={t('shipments.timeline')}
      classNames={{ item: 'koe-timeline-item' }}
    >
      {newestFirst.map((event, index) => {
        const trouble = ['delayed', 'lost', 'returned_to_sender'].includes(event.status);
        return (
          <Timeline.Item
            key={`${event.occurredAt}-${index}`}
            color={trouble ? 'red' : undefined}
            title={
              <Text size="sm" fw={index === 0 ? 600 : 500} c={trouble ? 'red' : undefined}>
                {t(`shipments.status.${event.status}`)}
                <Text span size="xs" c="dimmed" ml="xs">
                  {format.dateTime(event.occurredAt)}
                </Text>
              </Text>
            }
          >
            <Text size="xs" c="dimmed">
              {[event.location, event.description].filter(Boolean).join(' — ')}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
  if (limit === undefined || sorted.length <= limit) return timeline;
  return (
    <Stack gap={4} align="flex-start">
      {timeline}
      <Button
        variant="subtle"
        size="compact-xs"
        onClick={() => setShowAll((all) => !all)}
        aria-expanded={showAll}
        data-testid="timeline-toggle"
      >
        {showAll ? t('shipments.showLatest') : t('shipments.showAll', { count: hidden })}
      </Button>
    </Stack>
  );
}
