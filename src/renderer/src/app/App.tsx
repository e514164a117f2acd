import { AppShell } from '@mantine/core';
import { useCallback, useEffect, useMemo, useReducer, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../shared/ipc';
import { AdminView, canAdminister } from '../admin';
import { CallWorkspace, useCallDesk, WrapUpEditView, callWork } from '../calls';
import {
  CustomerPage,
  ScreenPopView,
  SearchResults,
  trackedShipmentId,
  useCustomerSearch,
} from '../customers';
import { InsightsView } from '../insights';
import { FloorView } from '../floor';
import { FLOOR_ROLES } from '../../../shared/floor-ipc';
import { INSIGHTS_ROLES } from '../../../shared/insights-ipc';
import { OutreachView } from '../outreach';
import { ScriptUpdatedNotice, canAuthorScripts, StudioView } from '../studio';
import { SettingsView } from '../preferences';
import { AppHeader } from './AppHeader';
import { HomeView } from './HomeView';
import { initialNavigation, navigate } from './navigation';
import { retailerNameFor } from './retailer-name';
import { useAppInfo } from './use-app-info';
import { useKoeEvents } from './use-koe-events';
import { LockScreen, SetPinNotice, useDeskLock } from '../desk-lock';
import { UpdateNotice } from '../updates';
import { errorText, type ErrorKeys } from './error-text';

const HEADER_HEIGHT = 72;

export function App() {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(navigate, initialNavigation);
  // A ring (or a call the agent starts) brings the call workspace up, whatever is on screen.
  const desk = useCallDesk(useCallback(() => dispatch({ type: 'openCall' }), []));
  const searchInput = useRef<HTMLInputElement>(null);
  const appInfo = useAppInfo();
  const search = useCustomerSearch(state.query, state.view.kind === 'search');
  useKoeEvents(dispatch);
  const lock = useDeskLock();
  const locked = lock?.locked === true;
  // Behind the lock the core refused the desk's reads: read it again once unlocked, and a call
  // that rang meanwhile pops now (its card is read only after the unlock).
  const { reload } = desk;
  const wasLocked = useRef(false);
  useEffect(() => {
    if (wasLocked.current && !locked) reload();
    wasLocked.current = locked;
  }, [locked, reload]);

  const focusSearch = useCallback(() => {
    searchInput.current?.focus();
    searchInput.current?.select();
  }, []);
  const openCustomer = useCallback(
    (customerId: string, from: 'search' | 'screenPop', shipmentId?: string) =>
      dispatch({ type: 'openCustomer', customerId, from, ...(shipmentId ? { shipmentId } : {}) }),
    [],
  );
  const openFound = (customerId: string) =>
    openCustomer(customerId, 'search', trackedShipmentId(search.result, customerId));
  // The header is memoized (a ring re-renders the app twice, and the header has nothing new to
  // show): what it is handed stays the same object until it changes.
  const searchKey = useRef<(event: KeyboardEvent<HTMLInputElement>) => void>(() => {});
  useEffect(() => {
    searchKey.current = (event) => search.handleKey(event, openFound);
  });
  const onSearchKey = useCallback(
    (event: KeyboardEvent<HTMLInputElement>) => searchKey.current(event),
    [],
  );
  const onQueryChange = useCallback(
    (query: string) => dispatch({ type: 'queryChanged', query }),
    [],
  );
  const returnToCall = useCallback(() => dispatch({ type: 'openCall' }), []);
  const searchFor = useCallback(
    (query: string) => {
      dispatch({ type: 'queryChanged', query });
      focusSearch();
    },
    [focusSearch],
  );

  const openSettings = useCallback(() => dispatch({ type: 'openSettings' }), []);
  const goHome = useCallback(() => dispatch({ type: 'home' }), []);
  const { start } = desk;
  const startCall = useCallback(
    async (phone: string) => {
      const result = await start(phone);
      return result.ok ? null : startRefusal(result.error, t);
    },
    [start, t],
  );

  const { view } = state;
  const activeOptionId = view.kind === 'search' ? search.activeOptionId : undefined;
  const searchField = useMemo(
    () => ({
      value: state.query,
      onChange: onQueryChange,
      onKeyDown: onSearchKey,
      activeDescendant: activeOptionId,
      controlsId: search.listId,
      inputRef: searchInput,
      onFocusShortcut: focusSearch,
    }),
    [state.query, onQueryChange, onSearchKey, activeOptionId, search.listId, focusSearch],
  );
  const agent = desk.state.agent;
  const role = agent?.role;
  // The same functions on every render: the header is memoized.
  const opens = useMemo(
    () => ({
      insights: () => dispatch({ type: 'openInsights' }),
      studio: () => dispatch({ type: 'openStudio' }),
      admin: () => dispatch({ type: 'openAdmin' }),
      floor: () => dispatch({ type: 'openFloor' }),
    }),
    [],
  );
  const insights = useViewButton(
    role !== undefined && (INSIGHTS_ROLES as readonly string[]).includes(role),
    view.kind === 'insights',
    opens.insights,
  );
  const studio = useViewButton(canAuthorScripts(agent), view.kind === 'studio', opens.studio);
  const adminButton = useViewButton(canAdminister(agent), view.kind === 'admin', opens.admin);
  const admin = useMemo(
    () => adminButton && { ...adminButton, supervisor: role === 'supervisor' },
    [adminButton, role],
  );
  const floor = useViewButton(
    role !== undefined && (FLOOR_ROLES as readonly string[]).includes(role),
    view.kind === 'floor',
    opens.floor,
  );
  const current = desk.state.current;
  const raiseHandCallId = current?.callId ?? null;
  const raiseHandCustomerId = current
    ? (callWork(desk.state, current.callId).customerId ?? null)
    : null;
  const raiseHand = useMemo(
    () =>
      role === 'agent'
        ? {
            call:
              raiseHandCallId !== null
                ? { callId: raiseHandCallId, customerId: raiseHandCustomerId }
                : null,
          }
        : null,
    [role, raiseHandCallId, raiseHandCustomerId],
  );
  // A call that rang out unanswered leaves nothing to do on the call screen: back to the start
  // screen, where the missed call waits with its call-back.
  const lastCallMissed =
    desk.state.status === 'ready' &&
    desk.state.current === null &&
    desk.state.today[0]?.state === 'missed';
  useEffect(() => {
    if (view.kind === 'call' && lastCallMissed) dispatch({ type: 'home' });
  }, [view.kind, lastCallMissed]);

  // Nothing behind the lock is rendered: no customer data in the page while locked.
  if (lock && locked) return <LockScreen lock={lock} />;
  return (
    <AppShell header={{ height: HEADER_HEIGHT }} padding="md">
      <AppShell.Header>
        <AppHeader
          appInfo={appInfo}
          search={searchField}
          onStartCall={startCall}
          callElsewhere={view.kind !== 'call' ? current : null}
          onReturnToCall={returnToCall}
          settingsOpen={view.kind === 'settings'}
          onOpenSettings={openSettings}
          insights={insights}
          studio={studio}
          admin={admin}
          floor={floor}
          raiseHand={raiseHand}
        />
      </AppShell.Header>
      <AppShell.Main>
        <ScriptUpdatedNotice />
        <UpdateNotice />
        {view.kind === 'home' && lock && !lock.pinSet && (
          <SetPinNotice onOpenSettings={openSettings} />
        )}
        {view.kind === 'home' && (
          <HomeView
            appInfo={appInfo}
            today={desk.state.today}
            waiting={desk.state.waiting}
            onResumeWrapUp={(callId) => {
              desk.resume(callId);
              dispatch({ type: 'openCall' });
            }}
            onEditWrapUp={(callId) => dispatch({ type: 'editWrapUp', callId })}
            onOpenOutreach={() => dispatch({ type: 'openOutreach' })}
            onCallBack={startCall}
          />
        )}
        {view.kind === 'call' && <CallWorkspace desk={desk} appInfo={appInfo} onDone={goHome} />}
        {view.kind === 'wrapUpEdit' && (
          <WrapUpEditView
            key={view.callId}
            callId={view.callId}
            line={desk.state.today.find((c) => c.callId === view.callId) ?? null}
            onDone={() => {
              desk.reload();
              goHome();
            }}
          />
        )}
        {view.kind === 'search' && <SearchResults search={search} onOpen={openFound} />}
        {view.kind === 'customer' && (
          <CustomerPage
            customerId={view.customerId}
            shipmentId={view.shipmentId}
            onBack={view.from === 'search' ? () => dispatch({ type: 'backToSearch' }) : undefined}
          />
        )}
        {view.kind === 'screenPop' && (
          <ScreenPopView
            key={view.popId}
            phone={view.phone}
            onOpen={(id) => openCustomer(id, 'screenPop')}
            onSearch={searchFor}
          />
        )}
        {view.kind === 'insights' && <InsightsView agent={desk.state.agent} />}
        {view.kind === 'outreach' && <OutreachView />}
        {view.kind === 'admin' && <AdminView agent={desk.state.agent} />}
        {view.kind === 'floor' && <FloorView agent={desk.state.agent} />}
        {view.kind === 'studio' && (
          <StudioView
            agent={desk.state.agent}
            retailerName={retailerNameFor(appInfo, desk.state.agent, t('call.demoRetailerName'))}
          />
        )}
        {view.kind === 'settings' && (
          <SettingsView appInfo={appInfo} onClose={() => dispatch({ type: 'closeSettings' })} />
        )}
      </AppShell.Main>
    </AppShell>
  );
}

/** A header button to a view the signed-in role may open (null when it may not): the same
 * object until one of its parts changes. */
function useViewButton(
  allowed: boolean,
  open: boolean,
  onOpen: () => void,
): { open: boolean; onOpen(): void } | null {
  return useMemo(() => (allowed ? { open, onOpen } : null), [allowed, open, onOpen]);
}

/** The core's refusal to start a call, in the agent's words. */
// `t` narrowed to the keys used: the full TFunction type over the whole catalog is too deep for
// tsc to check as a parameter (TS2589) once the catalog grows.
function startRefusal(
  error: IpcError,
  t: (key: 'call.busy' | 'call.invalidNumber' | ErrorKeys) => string,
): string {
  if (error.code === 'conflict') return t('call.busy');
  if (error.code === 'invalid_input') return t('call.invalidNumber');
  return errorText(error, t);
}
