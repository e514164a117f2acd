import './call.css';
import { Button, EmptyState, Stack } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconHeadset } from '@tabler/icons-react';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { WrapUpDraft } from '../../../shared/calls/call-draft';
import type { CallSession } from '../../../shared/calls/call-session';
import type { CustomerCard, Language } from '../../../shared/domain';
import { harassmentIncident, nowDayOf } from '../../../shared/guidance';
import type { AppInfo, GuidanceReference, IpcError, ScreenPopResult } from '../../../shared/ipc';
import { ErrorState } from '../app/ErrorState';
import { retailerNameFor } from '../app/retailer-name';
import { useKoeQuery, type KoeQuery } from '../app/use-koe-query';
import { CustomerCardSkeleton, CustomerCardView, CurrentCallContext } from '../customers';
import {
  callGuidance,
  type CallGuidance,
  GuidancePanel,
  offeredActions,
  withPinnedScript,
  HarassmentPanel,
  KnowledgeDrawer,
  useGuidanceReference,
} from '../guidance';
import { LikelyReasonBanner } from '../predictions';
import { WrapUpPanel } from '../wrap-up';
import { pendingSupervisorAlert, type CallWork } from './call-desk';
import { callerNumber, popNumber } from './call-display';
import { CALL_SHORTCUTS } from '../app/shortcuts';
import { CallBar } from './CallBar';
import { CallerChooser } from './CallerChooser';
import type { CallDesk } from './use-call-desk';

/** The main area below the header: the workspace fills it, and each column scrolls on its own. */
const WORKSPACE_HEIGHT =
  'calc(100dvh - var(--app-shell-header-height, 72px) - 2 * var(--mantine-spacing-md))';

/** The deferred card before its first background pass. */
const NOT_YET = Symbol('not yet');

interface CallWorkspaceProps {
  desk: CallDesk;
  appInfo: AppInfo | null;
  /** The wrap-up was saved: back to the start screen. */
  onDone(): void;
}

/** The current call, or a calm screen when there is none (it was missed, or saved elsewhere). */
export function CallWorkspace({ desk, appInfo, onDone }: CallWorkspaceProps) {
  const { t } = useTranslation();
  const call = desk.state.current;
  const work = desk.currentWork;
  if (!call || !work) {
    return (
      <EmptyState
        mt={80}
        variant="light"
        icon={<IconHeadset size={36} />}
        title={t('call.noCallTitle')}
        description={t('call.noCallDescription')}
      >
        <EmptyState.Actions>
          <Button variant="light" onClick={onDone}>
            {t('call.backHome')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  // One workspace per call: nothing of one call's screen state leaks into the next.
  return (
    <ActiveCall
      key={call.callId}
      call={call}
      work={work}
      desk={desk}
      appInfo={appInfo}
      onDone={onDone}
    />
  );
}

interface ActiveCallProps extends CallWorkspaceProps {
  call: CallSession;
  work: CallWork;
}

function ActiveCall({ call, work, desk, appInfo, onDone }: ActiveCallProps) {
  const { t, i18n } = useTranslation();
  const uiLanguage: Language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const reference = usePinnedReference();

  // The caller: the pop by number names one customer, or the agent chooses.
  // The ring brought the pop with it; a call found at reload (or without one) reads it.
  const [pushedPop] = useState(() => desk.pushedPop(call.callId));
  const popRead = useKoeQuery('customers:screenPop', pushedPop ? null : { phone: popNumber(call) });
  const pop: KoeQuery<ScreenPopResult> = pushedPop
    ? { status: 'success', value: pushedPop }
    : popRead;
  const popCard = pop.status === 'success' ? pop.value.card : null;
  // A proactive call knows whom it called, even on a number several customers share.
  const chosenId =
    work.customerId !== undefined
      ? work.customerId
      : (call.outreach?.customerId ?? popCard?.customer.id);
  const needsRead = typeof chosenId === 'string' && popCard?.customer.id !== chosenId;
  const read = useKoeQuery('customers:card', needsRead ? { customerId: chosenId } : null);
  const card: CustomerCard | null | undefined =
    chosenId === null
      ? null
      : chosenId === undefined
        ? undefined
        : popCard?.customer.id === chosenId
          ? popCard
          : read.status === 'success'
            ? read.value
            : undefined;

  // "Now" for the guidance rules is read once per call: the screen must not reshuffle mid-call.
  const [now] = useState(() => Date.now());
  const agentName = desk.state.agent?.displayName ?? '';
  const centerId = desk.state.agent?.centerId ?? null;
  const retailerName = retailerNameFor(appInfo, desk.state.agent, t('call.demoRetailerName'));
  // While the agent picks the caller, the general script greets them.
  const choosing = chosenId === undefined && pop.status === 'success';
  const guidanceCard = card === undefined && choosing ? null : card;
  // At the ring the card is what the agent needs first: it commits and paints on its own, and
  // the guidance (banner, script, actions) is worked out and rendered in the next,
  // interruptible pass — also when the ring brought the card, and the workspace mounts with it.
  const deferredCard = useDeferredValue<CustomerCard | null | undefined | typeof NOT_YET>(
    guidanceCard,
    NOT_YET,
  );
  const referenceValue = reference.status === 'success' ? reference.value : null;
  const computedGuidance = useMemo<CallGuidance | null>(() => {
    if (!referenceValue || deferredCard === undefined || deferredCard === NOT_YET) return null;
    return callGuidance(deferredCard, referenceValue, {
      now,
      uiLanguage,
      agentName,
      retailerName,
      centerId,
      outreach: call.outreach ?? null,
    });
  }, [
    referenceValue,
    deferredCard,
    now,
    uiLanguage,
    agentName,
    retailerName,
    centerId,
    call.outreach,
  ]);
  // The call keeps each script's version as first shown, also after leaving the workspace and
  // coming back (the desk holds the pin, not this component).
  // Not while the agent picks the caller: the greeting shown then is not the call's script.
  const { pinScript } = desk;
  const shownScript = choosing ? null : (computedGuidance?.selection?.script ?? null);
  const alreadyPinned = shownScript ? work.pinnedScripts[shownScript.scriptId] : undefined;
  useEffect(() => {
    if (shownScript && !alreadyPinned) pinScript(call.callId, shownScript);
  }, [shownScript, alreadyPinned, pinScript, call.callId]);
  const guidance = useMemo(
    () => withPinnedScript(computedGuidance, work.pinnedScripts),
    [computedGuidance, work.pinnedScripts],
  );
  // True in the commit that renders the guidance (banner, script, actions) worked out for the
  // card on screen: with the card's own `data-complete`, the marker that everything above the
  // fold has rendered (the ring bench times to it).
  const guidanceReady = computedGuidance !== null && deferredCard === guidanceCard;

  // Keyboard first: the pop takes the focus from wherever it was (the header search, typically),
  // so the script's keys work at once; a part of the workspace that took it keeps it.
  // Moved after the first paint: focusing forces a layout of the whole new screen, which the
  // frame does anyway — done first, it held the card back by tens of milliseconds.
  const workspace = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        const root = workspace.current;
        if (root && !root.contains(document.activeElement)) root.focus({ preventScroll: true });
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);

  const [knowledgeOpen, setKnowledgeOpen] = useState(false);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<IpcError | null>(null);
  const onLine = call.state === 'ringing' || call.state === 'in_call';

  // The desk's actions are stable callbacks (the desk object itself is new on every render).
  // Handed on as the same functions across renders: the bar, the guidance and the drawer are
  // memoized, and a ring renders the workspace more than once (the script pinned, a step taken).
  const { end, harassment, alertSupervisor, wrapUpDraft, scriptMoved, actionDone } = desk;
  const keepWrapUpDraft = useCallback(
    (draft: WrapUpDraft) => wrapUpDraft(call.callId, draft),
    [wrapUpDraft, call.callId],
  );
  const moveScript = useCallback(
    (scriptId: string, path: string[]) => scriptMoved(call.callId, scriptId, path),
    [scriptMoved, call.callId],
  );
  const markActionDone = useCallback(
    (kind: string, done: boolean) => actionDone(call.callId, kind, done),
    [actionDone, call.callId],
  );
  const openKnowledge = useCallback(() => setKnowledgeOpen(true), []);
  const closeKnowledge = useCallback(() => setKnowledgeOpen(false), []);
  const endCall = useCallback(async () => {
    if (!onLine) return;
    setEnding(true);
    const result = await end(call.callId);
    setEnding(false);
    setEndError(result.ok ? null : result.error);
  }, [end, call.callId, onLine]);
  const endCallNow = useCallback(() => void endCall(), [endCall]);

  const policy = guidance?.harassmentPolicy ?? null;
  const flagHarassment = useCallback(() => {
    if (call.state !== 'in_call') return;
    harassment(call.callId, { type: 'flag', at: new Date().toISOString() }, policy);
  }, [harassment, call.callId, call.state, policy]);

  useHotkeys(
    [
      [CALL_SHORTCUTS.endCall, () => void endCall(), { usePhysicalKeys: true }],
      [CALL_SHORTCUTS.flagHarassment, flagHarassment, { usePhysicalKeys: true }],
      [
        CALL_SHORTCUTS.knowledge,
        () => {
          if (call.state !== 'wrap_up') setKnowledgeOpen((open) => !open);
        },
        { usePhysicalKeys: true },
      ],
    ],
    // Modifier shortcuts work from inside fields too (the agent may be typing a note).
    [],
  );

  // The supervisor hears of abuse as soon as it is flagged, and again when the call is ended
  // under the protocol. A failed alert is shown with a retry, never dropped silently.
  const customerId = typeof chosenId === 'string' ? chosenId : null;
  const pendingAlert = pendingSupervisorAlert(work);
  const [alertError, setAlertError] = useState<IpcError | null>(null);
  const alertInFlight = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingAlert || alertError || alertInFlight.current === pendingAlert) return;
    alertInFlight.current = pendingAlert;
    void alertSupervisor(call.callId, customerId, pendingAlert).then((error) => {
      alertInFlight.current = null;
      setAlertError(error);
    });
  }, [pendingAlert, alertError, alertSupervisor, call.callId, customerId]);

  const onHarassmentEvent = (type: 'warningGiven' | 'demandRepeated' | 'terminate') => {
    harassment(call.callId, { type, at: new Date().toISOString() }, policy);
    if (type === 'terminate') void endCall();
  };

  const flagged = work.harassment.stage !== 'idle';
  // The wrap-up form takes half the width; a chooser's rows need more while the caller is picked.
  const leftSpan = call.state === 'wrap_up' ? 6 : choosing ? 8 : 7;
  const incident = harassmentIncident(work.harassment, work.harassmentNote);
  const nowDay = nowDayOf(now);

  const left = (
    <Stack gap="sm">
      {endError && <ErrorState error={endError} />}
      {guidance && card && reference.status === 'success' && (
        <LikelyReasonBanner
          reasons={guidance.reasons}
          alerts={guidance.alerts}
          taxonomy={reference.value.taxonomy}
          language={uiLanguage}
          nowDay={nowDay}
        />
      )}
      {pop.status === 'error' ? (
        <ErrorState error={pop.error} onRetry={pop.retry} />
      ) : read.status === 'error' ? (
        <ErrorState error={read.error} onRetry={read.retry} />
      ) : card ? (
        <CustomerCardView card={card} lateParcelFirst />
      ) : choosing ? (
        <CallerChooser
          pop={pop.value}
          shownPhone={callerNumber(call)}
          onChoose={(id) => desk.chooseCustomer(call.callId, id)}
        />
      ) : card === null ? (
        <CallerChooserNewOnly />
      ) : (
        <CustomerCardSkeleton />
      )}
    </Stack>
  );

  const right =
    reference.status === 'error' ? (
      <ErrorState error={reference.error} onRetry={reference.retry} />
    ) : call.state === 'wrap_up' &&
      reference.status === 'success' &&
      guidanceCard !== undefined &&
      // A new wrap-up fixes the call's guidance (predicted reason, script) when it opens: not
      // before that guidance is worked out, unless the draft already holds it.
      (work.wrapUp !== null || computedGuidance !== null) ? (
      <WrapUpPanel
        call={call}
        draft={work.wrapUp}
        onDraft={keepWrapUpDraft}
        card={guidanceCard}
        reference={reference.value}
        predictedReason={guidance?.predictedReason ?? null}
        script={
          guidance?.selection
            ? {
                scriptId: guidance.selection.script.scriptId,
                version: guidance.selection.script.version,
                // The steps taken; a script never moved in was read at its first step.
                steps:
                  work.script?.scriptId === guidance.selection.script.scriptId
                    ? work.script.path
                    : guidance.selection.script.steps.slice(0, 1).map((s) => s.id),
              }
            : null
        }
        nextBestActions={offeredActions(guidance)}
        nextBestActionsDone={work.nextBestActionsDone.filter((kind) =>
          offeredActions(guidance).includes(kind),
        )}
        harassment={incident}
        onSaved={() => {
          desk.reload();
          // A call that rang while this wrap-up was being saved has the screen: it stays.
          const now = desk.currentCallId();
          if (now === null || now === call.callId) onDone();
        }}
      />
    ) : (
      <Stack gap="sm">
        {flagged && guidance && (
          <HarassmentPanel
            callId={call.callId}
            state={work.harassment}
            note={work.harassmentNote}
            policy={policy}
            callLanguage={guidance.callLanguage}
            supervisorAlerts={work.supervisorAlerts}
            alertError={alertError}
            alertPending={pendingAlert !== null}
            onEvent={onHarassmentEvent}
            onNote={(note) => desk.harassmentNote(call.callId, note)}
            onRetryAlert={() => setAlertError(null)}
          />
        )}
        {call.state === 'wrap_up' ? (
          <CustomerCardSkeleton />
        ) : (
          <GuidancePanel
            guidance={guidance}
            uiLanguage={uiLanguage}
            scriptPath={
              guidance?.selection && work.script?.scriptId === guidance.selection.script.scriptId
                ? work.script.path
                : null
            }
            onScriptMove={moveScript}
            actionsDone={work.nextBestActionsDone}
            onActionDone={markActionDone}
          />
        )}
      </Stack>
    );

  return (
    // Personal data revealed here is logged against this call.
    <CurrentCallContext.Provider value={call.callId}>
      <Stack
        ref={workspace}
        tabIndex={-1}
        className="koe-call-workspace"
        gap="sm"
        h={WORKSPACE_HEIGHT}
        style={{ outline: 'none' }}
        data-testid="call-workspace"
        data-call-id={call.callId}
        data-guidance-ready={guidanceReady}
      >
        <CallBar
          call={call}
          customer={card === undefined ? undefined : (card?.customer ?? null)}
          harassmentFlagged={flagged}
          ending={ending}
          onEnd={endCallNow}
          onFlagHarassment={flagHarassment}
          onOpenKnowledge={openKnowledge}
        />
        {/* Plain scrolling columns (CSS grid, native overflow): Mantine's Grid and ScrollArea
            measured their thumbs and breakpoints in every commit of a ring, forcing layouts. */}
        <div className="koe-call-columns" style={{ '--koe-left-span': leftSpan } as CSSProperties}>
          {/* A new column for each call (the workspace is keyed by the call): each call opens
              at the top of the caller's card, with nothing to reset. */}
          <div className="koe-call-column">{left}</div>
          <div className="koe-call-column" data-testid="guidance-column">
            <div className="koe-call-column-end">{right}</div>
          </div>
        </div>
        <KnowledgeDrawer
          opened={knowledgeOpen}
          onClose={closeKnowledge}
          language={guidance?.callLanguage ?? uiLanguage}
        />
      </Stack>
    </CurrentCallContext.Provider>
  );
}

/** A new caller confirmed as such: nothing to show about them yet. */
function CallerChooserNewOnly() {
  const { t } = useTranslation();
  return (
    <EmptyState
      mt="md"
      variant="light"
      icon={<IconHeadset size={32} />}
      title={t('call.newCallerConfirmedTitle')}
      description={t('call.newCallerConfirmedDescription')}
    />
  );
}

/**
 * The guidance reference as it was when the call's guidance first showed: a script published
 * during the call reaches the next call, never this one (the agent's place in it would move).
 */
function usePinnedReference(): KoeQuery<GuidanceReference> {
  const latest = useGuidanceReference();
  const [pinned, setPinned] = useState<GuidanceReference | null>(null);
  // Adjusted while rendering (React's pattern for state derived from a changing input).
  if (!pinned && latest.status === 'success') setPinned(latest.value);
  return pinned ? { status: 'success', value: pinned } : latest;
}
