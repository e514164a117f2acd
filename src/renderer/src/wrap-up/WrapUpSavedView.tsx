import { Badge, Button, Group, Kbd, Stack, Text } from '@mantine/core';
import { IconPencil, IconShieldLock } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReasonNode } from '../../../shared/domain';
import type { WrapUpSaved } from '../../../shared/ipc';
import { OutcomeAlert } from '../app/OutcomeAlert';
import { currentLanguage } from '../i18n/i18n';
import { CALLBACK_TIME_ZONE } from './callback-time';
import { reasonPath } from './reason-picker';
import { useRedactionItems } from './use-redaction-items';
import { formatElapsed } from './wrap-up-state';

/**
 * The confirmation after a save: what was recorded, the after-call work, and how much card data
 * was taken out of the customer's words. The focus lands on "correct it" so Enter reopens it.
 */
export function WrapUpSavedView({
  result,
  taxonomy,
  onCorrect,
  onDismiss,
  takeFocus = true,
}: {
  result: WrapUpSaved;
  taxonomy: readonly ReasonNode[] | undefined;
  /** Reopens the record to correct it; without it, no button. */
  onCorrect?: () => void;
  onDismiss?: () => void;
  /** Move the focus to "correct it" (in the form's place; not over another screen). */
  takeFocus?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { record, redacted } = result;
  const redactionItems = useRedactionItems(redacted);
  const correct = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeFocus) correct.current?.focus();
  }, [takeFocus]);

  return (
    <OutcomeAlert
      outcome="success"
      iconSize={22}
      title={t('wrapUp.saved.title')}
      data-testid="wrap-up-saved"
      data-voc-id={record.id}
      withCloseButton={onDismiss !== undefined}
      closeButtonLabel={t('app.close')}
      onClose={onDismiss}
    >
      <Stack gap="xs" align="flex-start">
        <Group gap={6}>
          {record.reasonCodes.map((code, i) => (
            <Badge key={code} variant={i === 0 ? 'filled' : 'default'} tt="none" radius="sm">
              {reasonPath(code, taxonomy ?? [], locale).label}
            </Badge>
          ))}
          <Badge variant="outline" color="gray" tt="none" radius="sm">
            {t(`wrapUp.sentiment.${record.sentiment}`)}
          </Badge>
          <Badge variant="outline" color="gray" tt="none" radius="sm">
            {t(`wrapUp.resolution.${record.resolution}`)}
          </Badge>
        </Group>
        {record.callbackAt && (
          <Text size="sm" fw={600} data-testid="wrap-up-saved-callback">
            {t('wrapUp.saved.callback', {
              when: new Intl.DateTimeFormat(locale, {
                dateStyle: 'full',
                timeStyle: 'short',
                timeZone: CALLBACK_TIME_ZONE,
              }).format(new Date(record.callbackAt)),
            })}
          </Text>
        )}
        {record.nextBestActionsDone && record.nextBestActionsDone.length > 0 && (
          <Text size="sm" data-testid="wrap-up-saved-actions-done">
            {t('wrapUp.saved.actionsDone', { count: record.nextBestActionsDone.length })}
          </Text>
        )}
        <Text size="sm">
          {t('wrapUp.saved.body', { time: formatElapsed(record.afterCallWorkSeconds * 1000) })}
        </Text>
        <Group gap={6} wrap="nowrap">
          <IconShieldLock size={16} aria-hidden />
          <Text size="sm" data-testid="wrap-up-redacted">
            {redactionItems
              ? t('wrapUp.redaction.saved', { items: redactionItems })
              : t('wrapUp.redaction.none')}
          </Text>
        </Group>
        {onCorrect && (
          <Button
            ref={correct}
            size="xs"
            variant="default"
            leftSection={<IconPencil size={14} aria-hidden />}
            rightSection={takeFocus ? <Kbd size="xs">Enter</Kbd> : undefined}
            onClick={onCorrect}
            data-testid="wrap-up-correct"
          >
            {t('wrapUp.saved.edit')}
          </Button>
        )}
      </Stack>
    </OutcomeAlert>
  );
}
