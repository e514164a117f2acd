import './card.css';
import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackingEvent } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';

/** Scans that mean trouble: drawn in red. */
const TROUBLE = new Set<TrackingEvent['status']>(['delayed', 'lost', 'returned_to_sender']);

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
  // Plain elements drawn as Mantine's Timeline (see card.css): a card renders dozens of scans.
  const timeline = (
    <div className="koe-timeline" aria-label={t('shipments.timeline')}>
      {newestFirst.map((event, index) => {
        const trouble = TROUBLE.has(event.status);
        return (
          <div
            key={`${event.occurredAt}-${index}`}
            className="koe-timeline-scan"
            data-trouble={trouble || undefined}
          >
            <div className="koe-timeline-bullet" />
            <div className="koe-timeline-body">
              <div className="koe-timeline-title">
                <p
                  className="koe-text"
                  data-size="sm"
                  data-weight={index === 0 ? 600 : 500}
                  data-trouble={trouble || undefined}
                >
                  {t(`shipments.status.${event.status}`)}
                  <span className="koe-text koe-timeline-time" data-size="xs" data-dimmed>
                    {format.dateTime(event.occurredAt)}
                  </span>
                </p>
              </div>
              <p className="koe-text" data-size="xs" data-dimmed>
                {[event.location, event.description].filter(Boolean).join(' — ')}
              </p>
            </div>
          </div>
        );
      })}
    </div>
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
