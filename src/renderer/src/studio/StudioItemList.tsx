import { Badge, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import type { Audience, ItemStatus } from '../../../shared/protocol/authoring-wire';

const STATUS_COLOR = { draft: 'gray', published: 'teal', published_with_draft: 'yellow' } as const;

/** What the studio's lists show of a script or an approved answer. */
export interface StudioListItem {
  id: string;
  title: Partial<Record<Language, string>>;
  status: ItemStatus;
  version: number | null;
  audience: Audience;
}

interface StudioItemListProps {
  items: readonly StudioListItem[];
  selected: string | null;
  uiLanguage: Language;
  emptyText: string;
  /** Test ids: the list is `<prefix>-list`, an item `<prefix>-<id>`. */
  testIdPrefix: string;
  onSelect(id: string): void;
}

/** Every item with its status, version and audience. */
export function StudioItemList(props: StudioItemListProps) {
  const { items, selected, uiLanguage, testIdPrefix, onSelect } = props;
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {props.emptyText}
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah="calc(100dvh - 300px)" type="auto">
      <Stack gap={2} data-testid={`${testIdPrefix}-list`}>
        {items.map((s) => (
          <NavLink
            key={s.id}
            active={s.id === selected}
            onClick={() => onSelect(s.id)}
            data-testid={`${testIdPrefix}-${s.id}`}
            label={s.title[uiLanguage] ?? s.title.ja ?? s.title.en ?? s.id}
            description={
              <Stack gap={2} mt={2}>
                {/* The active item's tint is too dark for gray text: its own color instead. */}
                <Text fz="xs" c={s.id === selected ? undefined : 'dimmed'} ff="monospace">
                  {s.id}
                </Text>
                <Group gap={4}>
                  <Badge size="xs" color={STATUS_COLOR[s.status]} variant="light">
                    {t(`studio.status.${s.status}`)}
                  </Badge>
                  <Badge size="xs" variant="outline" color="gray">
                    {s.version === null
                      ? t('studio.list.unpublished')
                      : t('studio.list.version', { version: s.version })}
                  </Badge>
                  <Badge size="xs" variant="outline" color="gray">
                    {s.audience.languages.map((l) => l.toUpperCase()).join('・')}
                  </Badge>
                  <Badge size="xs" variant="outline" color="gray">
                    {s.audience.centers.length === 0
                      ? t('studio.list.allCenters')
                      : t('studio.list.centers', { count: s.audience.centers.length })}
                  </Badge>
                </Group>
              </Stack>
            }
          />
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}
