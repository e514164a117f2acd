import { Checkbox, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import type { Audience } from '../../../shared/protocol/authoring-wire';

const LANGUAGES: Language[] = ['ja', 'en'];

interface AudienceEditorProps {
  audience: Audience;
  centers: readonly { id: string; name: string }[];
  onChange(audience: Audience): void;
}

/** Who gets a script or an answer: its languages (at least one) and centers (none: all). */
export function AudienceEditor({ audience, centers, onChange }: AudienceEditorProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xl" align="flex-start">
      <Stack gap={4}>
        <Text fz="sm" fw={600}>
          {t('studio.editor.languages')}
        </Text>
        <Group gap="sm">
          {LANGUAGES.map((lang) => (
            <Checkbox
              key={lang}
              size="xs"
              label={t(`studio.languageName.${lang}`)}
              checked={audience.languages.includes(lang)}
              data-testid={`audience-language-${lang}`}
              onChange={(e) => {
                const languages = e.currentTarget.checked
                  ? LANGUAGES.filter((l) => l === lang || audience.languages.includes(l))
                  : audience.languages.filter((l) => l !== lang);
                if (languages.length > 0) onChange({ ...audience, languages });
              }}
            />
          ))}
        </Group>
      </Stack>
      <MultiSelect
        size="xs"
        style={{ flex: 1 }}
        label={t('studio.editor.centers')}
        data={centers.map((c) => ({ value: c.id, label: c.name }))}
        value={audience.centers}
        clearable
        onChange={(ids) => onChange({ ...audience, centers: ids })}
      />
    </Group>
  );
}
