import { Button, Card, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import type { AuthoredStep } from '../../../shared/protocol/script-authoring';
import { IconButton } from '../app/IconButton';
import { MarkdownField } from './MarkdownField';

interface StepEditorProps {
  step: AuthoredStep;
  index: number;
  count: number;
  languages: readonly Language[];
  /** Every step id, for the branch targets. */
  stepIds: readonly string[];
  hasIssue: boolean;
  onChange(step: AuthoredStep): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** One step: its id, the compliance flag, its text in each language and its branches. */
export function StepEditor(props: StepEditorProps) {
  const { t } = useTranslation();
  const { step, languages, onChange } = props;
  const setBranch = (i: number, branch: AuthoredStep['branches'][number]) =>
    onChange({ ...step, branches: step.branches.map((b, j) => (j === i ? branch : b)) });

  return (
    <Card
      withBorder
      padding="sm"
      data-testid={`step-${step.id}`}
      style={props.hasIssue ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text c="dimmed" fz="sm" w={24}>
              {props.index + 1}
            </Text>
            <TextInput
              size="xs"
              aria-label={t('studio.editor.stepId')}
              value={step.id}
              w={160}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              onChange={(e) => onChange({ ...step, id: e.currentTarget.value.toLowerCase() })}
            />
            <Checkbox
              size="xs"
              label={t('studio.editor.compliance')}
              checked={step.compliance}
              onChange={(e) => onChange({ ...step, compliance: e.currentTarget.checked })}
            />
          </Group>
          <Group gap={4} wrap="nowrap">
            <IconButton
              label={t('studio.editor.moveUp')}
              variant="subtle"
              disabled={props.index === 0}
              onClick={() => props.onMove(-1)}
            >
              <IconArrowUp size={16} />
            </IconButton>
            <IconButton
              label={t('studio.editor.moveDown')}
              variant="subtle"
              disabled={props.index === props.count - 1}
              onClick={() => props.onMove(1)}
            >
              <IconArrowDown size={16} />
            </IconButton>
            <IconButton
              label={t('studio.editor.removeStep')}
              variant="subtle"
              color="red"
              disabled={props.count === 1}
              onClick={props.onRemove}
            >
              <IconTrash size={16} />
            </IconButton>
          </Group>
        </Group>
        {languages.map((lang) => (
          <MarkdownField
            key={lang}
            label={t('studio.editor.text', {
              language: t(`studio.languageName.${lang}`),
              example: '{{customer.name}}',
            })}
            value={step.text[lang] ?? ''}
            testId={`step-${step.id}-text-${lang}`}
            error={!step.text[lang]?.trim()}
            onChange={(text) => onChange({ ...step, text: { ...step.text, [lang]: text } })}
          />
        ))}
        <Text fz="sm" fw={600}>
          {t('studio.editor.branches')}
        </Text>
        {step.branches.length === 0 && (
          <Text fz="xs" c="dimmed">
            {t('studio.editor.noBranches')}
          </Text>
        )}
        {step.branches.map((branch, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            {languages.map((lang) => (
              <TextInput
                key={lang}
                size="xs"
                label={t('studio.editor.branchLabel', {
                  language: t(`studio.languageName.${lang}`),
                })}
                value={branch.label[lang] ?? ''}
                error={!branch.label[lang]?.trim()}
                onChange={(e) =>
                  setBranch(i, {
                    ...branch,
                    label: { ...branch.label, [lang]: e.currentTarget.value },
                  })
                }
              />
            ))}
            <Select
              size="xs"
              label={t('studio.editor.branchNext')}
              data={[...new Set(props.stepIds)].filter((id) => id !== '')}
              value={branch.next}
              allowDeselect={false}
              onChange={(next) => next && setBranch(i, { ...branch, next })}
              w={150}
            />
            <IconButton
              label={t('studio.editor.removeBranch')}
              variant="subtle"
              color="red"
              mb={4}
              onClick={() =>
                onChange({ ...step, branches: step.branches.filter((_, j) => j !== i) })
              }
            >
              <IconX size={16} />
            </IconButton>
          </Group>
        ))}
        <Group>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              onChange({
                ...step,
                branches: [
                  ...step.branches,
                  { next: props.stepIds.find((id) => id !== step.id) ?? step.id, label: {} },
                ],
              })
            }
          >
            {t('studio.editor.addBranch')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
