import { Badge, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import type { StudioScriptSummary } from '../../../shared/protocol/script-authoring';

const STATUS_COLOR = { draft: 'gray', published: 'teal', published_with_draft: 'yellow' } as const;

interface ScriptListProps {
  scripts: readonly StudioScriptSummary[];
  selected: string | null;
  uiLanguage: Language;
  onSelect(scriptId: string): void;
}

/** Every script with its status, version and audience. */
export function ScriptList({ scripts, selected, uiLanguage, onSelect }: ScriptListProps) {
  const { t } = useTranslation();
  if (scripts.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t('studio.list.empty')}
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah="calc(100dvh - 260px)" type="auto">
      <Stack gap={2} data-testid="studio-script-list">
        {scripts.map((s) => {
          const title = s.title[uiLanguage] ?? s.title.ja ?? s.title.en ?? s.scriptId;
          return (
            <NavLink
              key={s.scriptId}
              active={s.scriptId === selected}
              onClick={() => onSelect(s.scriptId)}
              data-testid={`studio-script-${s.scriptId}`}
              label={title}
              description={
                <Stack gap={2} mt={2}>
                  <Text fz="xs" c="dimmed" ff="monospace">
                    {s.scriptId}
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
          );
        })}
      </Stack>
    </ScrollArea.Autosize>
  );
}
