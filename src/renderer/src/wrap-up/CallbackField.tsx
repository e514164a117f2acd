import { Group, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CALLBACK_DAYS } from '../../../shared/guidance';
import { currentLanguage } from '../i18n/i18n';
import { CALLBACK_TIME_ZONE, instantToTokyoLocal, tokyoLocalToInstant } from './callback-time';

const DAY_MS = 86_400_000;

/**
 * When the agent promised to call back: a native date-and-time field (typed part by part, the
 * arrow keys step each part), in Tokyo time, with the chosen moment written out in the agent's
 * language below it so a misread field is caught before saving.
 */
export function CallbackField({
  value,
  error,
  inputRef,
  shortcut,
  onChange,
}: {
  value: string | null;
  error: string | undefined;
  inputRef: Ref<HTMLInputElement>;
  /** The key caps of the choice that opened the field (callback). */
  shortcut: ReactNode;
  onChange(at: string | null): void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  // The field's bounds, from when it opened; the save checks the window against the clock.
  const [bounds] = useState(() => {
    const now = Date.now();
    return {
      min: instantToTokyoLocal(now),
      max: instantToTokyoLocal(now + MAX_CALLBACK_DAYS * DAY_MS),
    };
  });
  // What the agent typed, kept while it is incomplete (the field reports '' until it is whole).
  const [typed, setTyped] = useState(() => (value ? instantToTokyoLocal(value) : ''));
  const readback =
    value === null
      ? null
      : new Intl.DateTimeFormat(locale, {
          dateStyle: 'full',
          timeStyle: 'short',
          timeZone: CALLBACK_TIME_ZONE,
        }).format(new Date(value));
  return (
    <TextInput
      ref={inputRef}
      type="datetime-local"
      label={
        <Group justify="space-between" wrap="nowrap" component="span">
          <span>{t('wrapUp.callback.label')}</span>
          {shortcut}
        </Group>
      }
      withAsterisk
      value={typed}
      min={bounds.min}
      max={bounds.max}
      onChange={(event) => {
        const local = event.currentTarget.value;
        setTyped(local);
        onChange(local ? tokyoLocalToInstant(local) : null);
      }}
      description={
        <>
          {t('wrapUp.callback.description', { days: MAX_CALLBACK_DAYS })}
          {readback && (
            <Text span display="block" size="xs" fw={600} data-testid="callback-readback">
              {t('wrapUp.callback.readback', { when: readback })}
            </Text>
          )}
        </>
      }
      error={error}
      data-testid="callback-at"
      styles={{ label: { width: '100%' } }}
    />
  );
}
