import { Button, Grid, ScrollArea, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TodayCall } from '../../../shared/ipc';
import { ErrorState } from '../app/ErrorState';
import { useKoeQuery } from '../app/use-koe-query';
import { CustomerCardSkeleton, CustomerCardView } from '../customers';
import { useGuidanceReference } from '../guidance';
import { WrapUpPanel } from '../wrap-up';
import { doneCallSession } from './call-display';

interface WrapUpEditViewProps {
  callId: string;
  /** The call's line in "my calls today" (its number and start), when the desk still has it. */
  line: TodayCall | null;
  onDone(): void;
}

/** A saved wrap-up reopened from "my calls today" to correct it within the edit window. */
export function WrapUpEditView({ callId, line, onDone }: WrapUpEditViewProps) {
  const { t } = useTranslation();
  const record = useKoeQuery('wrapUp:get', { callId });
  const reference = useGuidanceReference();
  const customerId = record.status === 'success' ? (record.value?.customerId ?? null) : null;
  const card = useKoeQuery('customers:card', customerId ? { customerId } : null);

  const back = (
    <Button
      variant="subtle"
      size="compact-sm"
      leftSection={<IconArrowLeft size={16} />}
      onClick={onDone}
      style={{ alignSelf: 'flex-start' }}
    >
      {t('call.backHome')}
    </Button>
  );

  if (record.status === 'error')
    return (
      <Stack>
        {back}
        <ErrorState error={record.error} onRetry={record.retry} />
      </Stack>
    );
  if (reference.status === 'error') {
    return (
      <Stack>
        {back}
        <ErrorState error={reference.error} onRetry={reference.retry} />
      </Stack>
    );
  }
  if (record.status === 'success' && record.value === null) {
    return (
      <Stack>
        {back}
        <ErrorState error={{ code: 'not_found', message: t('call.wrapUpMissing') }} />
      </Stack>
    );
  }
  const ready =
    record.status === 'success' &&
    record.value !== null &&
    reference.status === 'success' &&
    (customerId === null || card.status === 'success');
  if (!ready || record.status !== 'success' || !record.value || reference.status !== 'success') {
    return (
      <Stack>
        {back}
        <CustomerCardSkeleton />
      </Stack>
    );
  }
  const voc = record.value;
  const cardValue = card.status === 'success' ? card.value : null;
  return (
    <Stack gap="sm" data-testid="wrap-up-edit">
      {back}
      <Grid gap="sm">
        <Grid.Col span={6}>
          <ScrollArea.Autosize mah="calc(100dvh - 160px)" type="auto" offsetScrollbars>
            {cardValue ? <CustomerCardView card={cardValue} /> : null}
          </ScrollArea.Autosize>
        </Grid.Col>
        <Grid.Col span={cardValue ? 6 : 12}>
          <WrapUpPanel
            call={doneCallSession(callId, voc, line)}
            card={cardValue}
            reference={reference.value}
            predictedReason={voc.predictedReason}
            script={
              voc.scriptId && voc.scriptVersion
                ? { scriptId: voc.scriptId, version: voc.scriptVersion }
                : null
            }
            harassment={voc.harassment}
            onSaved={onDone}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
