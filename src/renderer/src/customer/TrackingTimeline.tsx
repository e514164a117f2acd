import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrackingEvent } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';

/** The carrier's scans, newest first: the agent reads where the parcel is now before its history. */
export function TrackingTimeline({ events }: { events: TrackingEvent[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('shipments.noEvents')}
      </Text>
    );
  }
  const newestFirst = [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
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
}
