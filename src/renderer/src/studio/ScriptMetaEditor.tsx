import { Card, Group, MultiSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import type { ReasonNode } from '../../../shared/domain/guidance';
import type { ScriptContent } from '../../../shared/protocol/script-authoring';
import { AudienceEditor } from './AudienceEditor';

const TIERS = ['standard', 'silver', 'gold', 'vip'] as const;

interface ScriptMetaEditorProps {
  content: ScriptContent;
  centers: readonly { id: string; name: string }[];
  taxonomy: readonly ReasonNode[];
  uiLanguage: Language;
  onChange(content: ScriptContent): void;
}

/** Title per language, the audience (languages and centers) and the triggers. */
export function ScriptMetaEditor({
  content,
  centers,
  taxonomy,
  uiLanguage,
  onChange,
}: ScriptMetaEditorProps) {
  const { t } = useTranslation();
  const reasons = taxonomy
    .filter((r) => r.active)
    .map((r) => ({
      value: r.code,
      label: `${uiLanguage === 'ja' ? r.labelJa : r.labelEn} (${r.code})`,
    }));
  // A code the taxonomy lost still shows, so the trainer can remove it.
  for (const code of content.triggers.reasons) {
    if (!reasons.some((r) => r.value === code)) reasons.push({ value: code, label: code });
  }
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <SimpleGrid cols={content.audience.languages.length > 1 ? 2 : 1}>
          {content.audience.languages.map((lang) => (
            <TextInput
              key={lang}
              size="sm"
              label={t('studio.editor.titleLabel', { language: t(`studio.languageName.${lang}`) })}
              value={content.title[lang] ?? ''}
              error={!content.title[lang]?.trim()}
              data-testid={`script-title-${lang}`}
              onChange={(e) =>
                onChange({ ...content, title: { ...content.title, [lang]: e.currentTarget.value } })
              }
            />
          ))}
        </SimpleGrid>
        <AudienceEditor
          audience={content.audience}
          centers={centers}
          onChange={(audience) => onChange({ ...content, audience })}
        />
        <Group gap="md" align="flex-start" grow>
          <MultiSelect
            size="xs"
            label={t('studio.editor.reasons')}
            data={reasons}
            value={content.triggers.reasons}
            searchable
            clearable
            data-testid="script-reasons"
            onChange={(codes) =>
              onChange({ ...content, triggers: { ...content.triggers, reasons: codes } })
            }
          />
          <MultiSelect
            size="xs"
            label={t('studio.editor.tiers')}
            data={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
            value={content.triggers.tiers}
            clearable
            onChange={(tiers) =>
              onChange({
                ...content,
                triggers: {
                  ...content.triggers,
                  tiers: tiers as ScriptContent['triggers']['tiers'],
                },
              })
            }
          />
        </Group>
      </Stack>
    </Card>
  );
}
