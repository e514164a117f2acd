import { Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight, IconFlag, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  renderScriptText,
  type ScriptContext,
  type ScriptRunner,
  type ScriptSelection,
} from '../../../shared/guidance';
import { CALL_SHORTCUTS, branchIndexForKey, isTypingTarget, keyPressOf } from '../app/shortcuts';
import { ShortcutKeys } from '../app/ShortcutKeys';
import { runnerFromPath } from './call-guidance';
import { ScriptText } from './ScriptText';
import { AttentionBadge } from './AttentionBadge';

interface ScriptPanelProps {
  selection: ScriptSelection | null;
  context: ScriptContext;
  /** The steps taken so far (for this script), kept by the call desk. */
  path: string[] | null;
  onMove(scriptId: string, path: string[]): void;
}

/**
 * The selected script, one step at a time: the step's text filled with this customer's facts,
 * and the customer's possible answers as buttons (1–9). A compliance step (identity
 * verification) stands out, labelled, so it is never skimmed.
 */
export function ScriptPanel({ selection, context, path, onMove }: ScriptPanelProps) {
  const { t } = useTranslation();
  const script = selection?.script ?? null;
  const runner = useMemo(
    () => (script ? runnerFromPath(script, path ?? []) : null),
    [script, path],
  );

  const move = (next: ScriptRunner) => {
    if (script) onMove(script.scriptId, [...next.path]);
  };
  const choose = (index: number) => {
    const moved = runner?.choose(index);
    if (moved?.ok) move(moved.runner);
  };
  const advance = () => {
    const moved = runner?.advance();
    if (moved?.ok) move(moved.runner);
  };
  const back = () => {
    if (runner?.canGoBack) move(runner.back());
  };

  useHotkeys([
    [CALL_SHORTCUTS.scriptNext, advance],
    [CALL_SHORTCUTS.scriptBack, back],
  ]);

  const branchCount = runner?.current.branches.length ?? 0;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = isTypingTarget(event.target as HTMLElement | null);
      const index = branchIndexForKey(keyPressOf(event, typing), branchCount);
      if (index === null || event.defaultPrevented) return;
      event.preventDefault();
      choose(index);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  if (!script || !runner) {
    return (
      <Paper withBorder p="md">
        <Text fw={600}>{t('guidance.noScriptTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('guidance.noScriptDescription')}
        </Text>
      </Paper>
    );
  }

  const step = runner.current;
  const rendered = renderScriptText(step.text, context);
  const stepNumber = script.steps.findIndex((s) => s.id === step.id) + 1;

  return (
    <Stack gap="xs" data-testid="script-panel">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Title order={3} fz="md" lineClamp={1}>
            {script.title}
          </Title>
          <Badge variant="default" size="sm" style={{ flexShrink: 0 }}>
            v{script.version}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {t(`guidance.match.${selection?.match ?? 'general'}`)}
        </Text>
      </Group>

      <Paper
        withBorder
        p="md"
        className={step.compliance ? 'koe-script-step koe-compliance' : 'koe-script-step'}
        data-testid="script-step"
        data-step={step.id}
        data-compliance={step.compliance || undefined}
        aria-live="polite"
      >
        <Stack gap="xs">
          <Group gap="xs" justify="space-between">
            <Text size="xs" c="dimmed">
              {t('guidance.step', { number: stepNumber, total: script.steps.length })}
            </Text>
            {step.compliance && (
              <AttentionBadge icon={IconShieldCheck}>{t('guidance.compliance')}</AttentionBadge>
            )}
          </Group>
          <ScriptText lines={rendered.lines} />
          {rendered.missing.length > 0 && (
            <Text size="xs" c="orange.8" data-testid="script-missing-note">
              {t('guidance.missingNote', { count: rendered.missing.length })}
            </Text>
          )}
        </Stack>
      </Paper>

      {step.branches.length > 0 ? (
        <Box>
          <Text size="xs" c="dimmed" mb={4}>
            {t('guidance.branchesHint')}
          </Text>
          <Group gap="xs">
            {step.branches.map((branch, index) => (
              <Button
                key={`${branch.label}-${index}`}
                variant="light"
                size="sm"
                onClick={() => choose(index)}
                leftSection={index < 9 ? <ShortcutKeys hotkey={String(index + 1)} /> : undefined}
                aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
                data-testid="script-branch"
              >
                {branch.label}
              </Button>
            ))}
          </Group>
        </Box>
      ) : runner.next !== null ? (
        <Group>
          <Button
            variant="light"
            size="sm"
            onClick={advance}
            rightSection={
              <Group gap={6} wrap="nowrap">
                <IconArrowRight size={16} aria-hidden />
                <ShortcutKeys hotkey={CALL_SHORTCUTS.scriptNext} />
              </Group>
            }
            aria-keyshortcuts="ArrowRight"
          >
            {t('guidance.next')}
          </Button>
        </Group>
      ) : (
        <Group gap={6} c="dimmed">
          <IconFlag size={16} aria-hidden />
          <Text size="sm" c="dimmed">
            {t('guidance.finished')}
          </Text>
        </Group>
      )}

      {runner.canGoBack && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            color="gray"
            onClick={back}
            leftSection={<IconArrowLeft size={14} aria-hidden />}
            rightSection={<ShortcutKeys hotkey={CALL_SHORTCUTS.scriptBack} />}
            aria-keyshortcuts="ArrowLeft"
          >
            {t('guidance.back')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
