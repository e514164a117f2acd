import { Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WrapUpContextDraft, WrapUpDraft } from '../../../shared/calls/call-draft';
import type { CallSession } from '../../../shared/calls/call-session';
import type { CustomerCard, VocRecord } from '../../../shared/domain';
import { nowDayOf, orderThatMatters, type HarassmentIncident } from '../../../shared/guidance';
import type { GuidanceReference, WrapUpSaved } from '../../../shared/ipc';
import { ErrorState } from '../app/ErrorState';
import { useKoeQuery } from '../app/use-koe-query';
import type { OutreachOutcome } from '../../../shared/domain/voc';
import { OutreachOutcomePicker } from '../outreach';
import { WrapUpForm } from './WrapUpForm';
import { announceSaved } from './recent-save';
import { WrapUpSavedView } from './WrapUpSavedView';
import { useDraftReporter } from './use-draft-reporter';
import {
  initialWrapUpState,
  stateFromRecord,
  type WrapUpContext,
  type WrapUpFormState,
  type WrapUpScript,
} from './wrap-up-state';

export interface WrapUpPanelProps {
  /** The call in wrap-up (state `wrap_up`), or a done call being corrected within its window. */
  call: CallSession;
  /** The customer the agent confirmed for this call; null for an unknown caller. */
  card: CustomerCard | null;
  reference: GuidanceReference;
  /** The likely reason Koe suggested (preselected; recorded as predictedReason). */
  predictedReason: string | null;
  /** The script the agent was shown (and the steps taken in it), recorded with the wrap-up. */
  script: WrapUpScript | null;
  /** The next-best-actions offered on the call (policy kinds), recorded with the wrap-up. */
  nextBestActions?: readonly string[];
  /** The offered actions the agent marked as done during the call, recorded with the wrap-up. */
  nextBestActionsDone?: readonly string[];
  /** The harassment incident of this call, if the agent flagged one. */
  harassment: HarassmentIncident | null;
  /**
   * The wrap-up as the agent left it (another call took the screen, the window reloaded, the
   * app restarted): the form opens with it, and with the call's facts as they were recorded
   * when the wrap-up first opened.
   */
  draft?: WrapUpDraft | null;
  /** Every change of a new wrap-up, debounced (the desk keeps it, and the core on disk). */
  onDraft?(draft: WrapUpDraft): void;
  onSaved(result: WrapUpSaved): void;
}

/**
 * The after-call form. A call in wrap-up gets a fresh form with the likely reason preselected;
 * a done call is a correction: its saved wrap-up is read back and saved again (main enforces the
 * edit window). After a save it confirms, with what was redacted, and offers a correction.
 *
 * Render it with `key={call.callId}`: the mode is decided when it mounts, so the call turning
 * `done` under it (the save it just made) does not reload it as a correction.
 */
export function WrapUpPanel(props: WrapUpPanelProps) {
  const [correctingSaved] = useState(() => props.call.state === 'done');
  const [saved, setSaved] = useState<WrapUpSaved | null>(null);
  /** A record the agent chose to correct from the confirmation. */
  const [correction, setCorrection] = useState<VocRecord | null>(null);
  const [round, setRound] = useState(0);

  const handleSaved = (result: WrapUpSaved) => {
    setSaved(result);
    announceSaved(result);
    props.onSaved(result);
  };

  if (saved) {
    return (
      <WrapUpSavedView
        result={saved}
        taxonomy={props.reference.taxonomy}
        onCorrect={() => {
          setCorrection(saved.record);
          setSaved(null);
          setRound((n) => n + 1);
        }}
      />
    );
  }
  if (correction) {
    return <WrapUpFormFor key={round} {...props} record={correction} onSaved={handleSaved} />;
  }
  if (correctingSaved) return <SavedWrapUpLoader {...props} onSaved={handleSaved} />;
  return <WrapUpFormFor {...props} record={null} onSaved={handleSaved} />;
}

/** A correction: read the saved wrap-up, then the form prefilled with it. */
function SavedWrapUpLoader(props: WrapUpPanelProps) {
  const { t } = useTranslation();
  const query = useKoeQuery('wrapUp:get', { callId: props.call.callId });
  if (query.status === 'error') return <ErrorState error={query.error} onRetry={query.retry} />;
  if (query.status !== 'success') {
    return (
      <Paper withBorder p="md" data-testid="wrap-up-loading">
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            {t('wrapUp.loading')}
          </Text>
        </Group>
      </Paper>
    );
  }
  if (query.value === null) {
    return <WrapUpFormFor {...props} record={null} notice={t('wrapUp.notFound')} />;
  }
  return <WrapUpFormFor {...props} record={query.value} />;
}

/** The form for a new wrap-up (record null) or a correction of `record`. */
function WrapUpFormFor(props: WrapUpPanelProps & { record: VocRecord | null; notice?: string }) {
  const { call, card, reference, record } = props;
  const draft = record ? null : (props.draft ?? null);
  const proactive = call.outreach?.reason === 'proactive' || record?.contactType === 'proactive';
  const [outreachOutcome, setOutreachOutcomeState] = useState<OutreachOutcome | null>(
    record?.outreachOutcome ?? draft?.outreachOutcome ?? null,
  );
  const taxonomy = reference.taxonomy;
  // The call's customer does not change during its wrap-up: decided once, at the form's opening.
  const [likelyOrderId] = useState(() =>
    card ? (orderThatMatters(card, nowDayOf(Date.now()))?.id ?? null) : null,
  );
  // A new wrap-up's facts about the call are fixed when it first opens (and kept in its draft).
  const [callFacts] = useState<WrapUpContextDraft>(
    () =>
      draft?.context ?? {
        customerId: card?.customer.id ?? null,
        predictedReason: props.predictedReason,
        script: props.script
          ? {
              scriptId: props.script.scriptId,
              version: props.script.version,
              ...(props.script.steps ? { steps: [...props.script.steps] } : {}),
            }
          : null,
        ...(props.nextBestActions ? { nextBestActions: [...props.nextBestActions] } : {}),
        ...(props.nextBestActionsDone?.length
          ? { nextBestActionsDone: [...props.nextBestActionsDone] }
          : {}),
        harassment: props.harassment,
      },
  );
  const context: WrapUpContext = record
    ? {
        // A correction keeps what the first save recorded about the call itself.
        callId: call.callId,
        customerId: record.customerId,
        predictedReason: record.predictedReason,
        script:
          record.scriptId !== null && record.scriptVersion !== null
            ? {
                scriptId: record.scriptId,
                version: record.scriptVersion,
                ...(record.scriptSteps ? { steps: record.scriptSteps } : {}),
              }
            : props.script,
        ...(record.nextBestActions ? { nextBestActions: record.nextBestActions } : {}),
        ...(record.nextBestActionsDone ? { nextBestActionsDone: record.nextBestActionsDone } : {}),
        harassment: record.harassment ?? props.harassment,
        taxonomy,
      }
    : { ...callFacts, callId: call.callId, taxonomy };
  const [initial] = useState<WrapUpFormState>(() =>
    record
      ? stateFromRecord(record)
      : draft
        ? { ...draft.form, callbackAt: draft.form.callbackAt ?? null, showErrors: false }
        : initialWrapUpState({
            taxonomy,
            predictedReason: callFacts.predictedReason,
            orderId: likelyOrderId,
          }),
  );

  // A new wrap-up is kept as a draft from the moment it opens; a correction is not (the saved
  // record is its copy).
  const { onDraft } = props;
  const report = useDraftReporter(useCallback((next: WrapUpDraft) => onDraft?.(next), [onDraft]));
  const latest = useRef<{ form: WrapUpFormState; outcome: OutreachOutcome | null }>({
    form: initial,
    outcome: outreachOutcome,
  });
  const keep = (form: WrapUpFormState, outcome: OutreachOutcome | null) => {
    latest.current = { form, outcome };
    if (record) return;
    const { showErrors: _shown, ...fields } = form;
    report({ form: fields, context: callFacts, outreachOutcome: outcome });
  };
  const setOutreachOutcome = (outcome: OutreachOutcome) => {
    setOutreachOutcomeState(outcome);
    keep(latest.current.form, outcome);
  };
  const form = (
    <WrapUpForm
      mode={record ? 'edit' : 'new'}
      call={call}
      card={card}
      context={
        proactive
          ? { ...context, outcomeRequired: true, ...(outreachOutcome ? { outreachOutcome } : {}) }
          : context
      }
      initial={initial}
      likelyOrderId={likelyOrderId}
      recordedAcwSeconds={record ? record.afterCallWorkSeconds : null}
      {...(props.notice ? { notice: props.notice } : {})}
      onChange={(form) => keep(form, latest.current.outcome)}
      onSaved={props.onSaved}
    />
  );
  if (!proactive) return form;
  // A call Koe placed from the outreach list: how it went decides whether the customer is told.
  return (
    <Stack gap="sm">
      <OutreachOutcomePicker value={outreachOutcome} onChange={setOutreachOutcome} />
      {form}
    </Stack>
  );
}
