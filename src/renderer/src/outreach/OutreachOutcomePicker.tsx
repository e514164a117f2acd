import { Group, Kbd, Paper, Radio, Stack, Text } from '@mantine/core';
import { IconPhoneOutgoing } from '@tabler/icons-react';
import { useEffect, useEffectEvent, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutreachOutcome } from '../../../shared/domain/voc';
import {
  branchIndexForKey,
  isOutreachOutcomeKey,
  keyPressOf,
  OUTREACH_OUTCOME_KEY,
} from '../app/shortcuts';
import { ShortcutKeys } from '../app/ShortcutKeys';

const OUTCOMES: readonly OutreachOutcome[] = ['reached', 'voicemail', 'no_answer'];

/**
 * How a proactive call went, chosen in its wrap-up: reached or voicemail records the customer as
 * told (a notice on the customer); no answer does not. From the keyboard: Alt+− (wherever the
 * focus is in the wrap-up) moves into the choices, 1–3 pick one, the arrows move between them.
 */
export function OutreachOutcomePicker({
  value,
  onChange,
}: {
  value: OutreachOutcome | null;
  onChange(value: OutreachOutcome): void;
}) {
  const { t } = useTranslation();
  const group = useRef<HTMLDivElement>(null);

  const onWindowKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || !isOutreachOutcomeKey(event)) return;
    event.preventDefault();
    const radios = group.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    const target = [...(radios ?? [])].find((radio) => radio.checked) ?? radios?.[0];
    target?.focus();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onWindowKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // A bare digit picks while a choice has the focus (radios are not text: nothing is typed).
  const onGroupKey = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const index = branchIndexForKey(keyPressOf(event.nativeEvent, false), OUTCOMES.length);
    const outcome = index === null ? undefined : OUTCOMES[index];
    if (!outcome) return;
    event.preventDefault();
    onChange(outcome);
    group.current
      ?.querySelector<HTMLInputElement>(`input[type="radio"][value="${outcome}"]`)
      ?.focus();
  };

  return (
    <Paper withBorder p="sm" data-testid="outreach-outcome">
      <Stack gap={6}>
        <Radio.Group
          ref={group}
          value={value}
          onChange={(v) => onChange(v as OutreachOutcome)}
          onKeyDown={onGroupKey}
          label={
            <Group gap={6} component="span" justify="space-between" wrap="nowrap">
              <Group gap={6} component="span" wrap="nowrap">
                <IconPhoneOutgoing size={16} aria-hidden />
                {t('outreach.outcome.label')}
              </Group>
              <ShortcutKeys hotkey={OUTREACH_OUTCOME_KEY} />
            </Group>
          }
          labelProps={{ style: { width: '100%' } }}
          withAsterisk
          error={value === null ? t('outreach.outcome.required') : undefined}
        >
          <Group gap="md" mt={6}>
            {OUTCOMES.map((outcome, index) => (
              <Radio
                key={outcome}
                value={outcome}
                aria-keyshortcuts={String(index + 1)}
                label={
                  <Group gap={6} component="span" wrap="nowrap">
                    <Kbd size="xs" aria-hidden>
                      {index + 1}
                    </Kbd>
                    {t(`outreach.outcome.${outcome}`)}
                  </Group>
                }
              />
            ))}
          </Group>
        </Radio.Group>
        <Text size="xs" c="dimmed">
          {t('outreach.outcomeHint')}
        </Text>
      </Stack>
    </Paper>
  );
}
