import { Group, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CALLBACK_DAYS } from '../../../shared/guidance';
import { currentLanguage } from '../i18n/i18n';
import { CALLBACK_TIME_ZONE, parseCallbackTime, tokyoLocal } from './callback-time';

/**
 * When the agent promised to call back, typed as they would write it (`12/9 14:00`) in Tokyo
 * time; the moment it was read as is written out in the agent's language below, so a misread is
 * caught before saving. Text the field cannot read is said at once, next to it.
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
  // What the agent typed, kept as typed (the form keeps only the instant it names).
  const [typed, setTyped] = useState(() => (value ? tokyoLocal(value) : ''));
  const unreadable = typed.trim() !== '' && value === null;
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
      label={
        <Group justify="space-between" wrap="nowrap" component="span">
          <span>{t('wrapUp.callback.label')}</span>
          {shortcut}
        </Group>
      }
      withAsterisk
      placeholder={t('wrapUp.callback.placeholder')}
      value={typed}
      autoComplete="off"
      onChange={(event) => {
        const text = event.currentTarget.value;
        setTyped(text);
        onChange(text.trim() ? parseCallbackTime(text, Date.now()) : null);
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
      error={unreadable ? t('wrapUp.callback.unreadable') : error}
      data-testid="callback-at"
      styles={{ label: { width: '100%' } }}
    />
  );
}
