import { Badge, Blockquote, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import {
  IconBan,
  IconCheck,
  IconChevronDown,
  IconChevronUp,
  IconUserUp,
} from '@tabler/icons-react';
import { useEffect, useEffectEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { describePolicyReason, type NextBestAction } from '../../../shared/guidance';
import { ACTION_DONE_KEYS, inCallShortcut } from '../app/shortcuts';
import { ariaKeys, ShortcutKeys } from '../app/ShortcutKeys';
import { AttentionBadge } from './AttentionBadge';

interface NextBestActionsProps {
  actions: NextBestAction[];
  /** The agent's language: labels and reasons. */
  uiLanguage: Language;
  /** The language spoken on the call: what to say. */
  callLanguage: Language;
  /** The offered actions (kinds) the agent marked as done on this call. */
  done?: readonly string[];
  /** Marks an offered action done or not; without it, nothing can be marked. */
  onToggleDone?(kind: string, done: boolean): void;
}

/** An action the agent may offer (relevant and allowed): the ones that can be marked done. */
export function isOffered(action: NextBestAction): boolean {
  return action.relevant && action.allowed;
}

/**
 * What the retailer's policies allow on this call, relevant ones first: allowed or not, why,
 * and the words to use (for a refused action, what to say instead).
 */
export function NextBestActions({
  actions,
  uiLanguage,
  callLanguage,
  done = [],
  onToggleDone,
}: NextBestActionsProps) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  // Alt+5–9 follow the offered actions in their order on screen (always shown: they are relevant).
  const offered = actions.filter(isOffered).slice(0, ACTION_DONE_KEYS.length);
  const onWindowKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || !onToggleDone) return;
    const shortcut = inCallShortcut(event);
    if (shortcut?.kind !== 'actionDone') return;
    const action = offered[shortcut.index];
    if (!action) return;
    event.preventDefault();
    onToggleDone(action.kind, !done.includes(action.kind));
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onWindowKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
  const relevant = actions.filter((a) => a.relevant);
  const others = actions.filter((a) => !a.relevant);
  const shown = showAll ? actions : relevant;

  return (
    <Stack gap="xs" component="section" aria-label={t('guidance.actionsTitle')}>
      <Group justify="space-between">
        <Title order={3} fz="md">
          {t('guidance.actionsTitle')}
        </Title>
        {others.length > 0 && (
          <Button
            variant="subtle"
            size="compact-xs"
            color="gray"
            onClick={() => setShowAll((v) => !v)}
            rightSection={
              showAll ? (
                <IconChevronUp size={14} aria-hidden />
              ) : (
                <IconChevronDown size={14} aria-hidden />
              )
            }
          >
            {showAll
              ? t('guidance.actionsRelevantOnly')
              : t('guidance.actionsShowOthers', { count: others.length })}
          </Button>
        )}
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {actions.length === 0 ? t('guidance.actionsNone') : t('guidance.actionsNoneRelevant')}
        </Text>
      ) : (
        shown.map((action) => (
          <ActionItem
            key={action.policyId}
            action={action}
            uiLanguage={uiLanguage}
            callLanguage={callLanguage}
            done={done.includes(action.kind)}
            doneKey={
              offered.includes(action) ? ACTION_DONE_KEYS[offered.indexOf(action)] : undefined
            }
            onToggleDone={
              onToggleDone && isOffered(action)
                ? (next) => onToggleDone(action.kind, next)
                : undefined
            }
          />
        ))
      )}
    </Stack>
  );
}

function ActionItem({
  action,
  uiLanguage,
  callLanguage,
  done,
  doneKey,
  onToggleDone,
}: {
  action: NextBestAction;
  uiLanguage: Language;
  callLanguage: Language;
  done: boolean;
  /** The Alt digit that marks it, for the first five offered actions. */
  doneKey: string | undefined;
  onToggleDone: ((done: boolean) => void) | undefined;
}) {
  const { t } = useTranslation();
  const procedure = action.kind === 'claim_verification' || action.kind === 'harassment_protocol';
  const say = callLanguage === 'ja' ? action.sayJa : action.sayEn;
  const label = uiLanguage === 'ja' ? action.labelJa : action.labelEn;
  // The Done button says "Done" (its visible word is its name) and is described by the action.
  const titleId = useId();
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="next-best-action"
      data-kind={action.kind}
      data-allowed={action.allowed}
      data-done={done || undefined}
      style={action.relevant ? undefined : { opacity: 0.75 }}
    >
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Text id={titleId} fw={600} size="sm" td={done ? 'line-through' : undefined}>
            {label}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {action.escalate && (
              <AttentionBadge icon={IconUserUp}>{t('guidance.escalate')}</AttentionBadge>
            )}
            {procedure ? (
              <Badge color="blue" variant="light">
                {t('guidance.procedure')}
              </Badge>
            ) : action.allowed ? (
              <Badge color="teal" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
                {t('guidance.allowed')}
              </Badge>
            ) : (
              <Badge color="gray" variant="light" leftSection={<IconBan size={12} aria-hidden />}>
                {t('guidance.notAllowed')}
              </Badge>
            )}
          </Group>
        </Group>
        {action.reasons.map((reason, index) => (
          <Text key={index} size="xs" c="dimmed">
            {describePolicyReason(reason, uiLanguage)}
          </Text>
        ))}
        {onToggleDone && (
          <Button
            size="compact-sm"
            variant={done ? 'filled' : 'default'}
            color={done ? 'teal' : undefined}
            style={{ alignSelf: 'flex-start' }}
            leftSection={<IconCheck size={14} aria-hidden />}
            rightSection={doneKey ? <ShortcutKeys hotkey={`alt+${doneKey}`} /> : undefined}
            aria-pressed={done}
            aria-describedby={titleId}
            aria-keyshortcuts={doneKey ? ariaKeys(`alt+${doneKey}`) : undefined}
            onClick={() => onToggleDone(!done)}
            data-testid="next-best-action-done"
          >
            {t('guidance.actionDone')}
          </Button>
        )}
        {say && (
          <Blockquote
            p="xs"
            color={action.allowed ? 'indigo' : 'gray'}
            styles={{ root: { fontSize: 'var(--mantine-font-size-sm)' } }}
          >
            <Text size="xs" c="dimmed" mb={2}>
              {t('guidance.whatToSay')}
            </Text>
            <Text size="sm" lang={callLanguage}>
              {say}
            </Text>
          </Blockquote>
        )}
      </Stack>
    </Paper>
  );
}
