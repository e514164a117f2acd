import type { IpcEvents } from '../../../shared/ipc';

/** What the main area shows. The search field's text lives beside it, not in it. */
export type View =
  | { kind: 'home' }
  | { kind: 'search' }
  | {
      kind: 'customer';
      customerId: string;
      from: 'search' | 'screenPop' | 'link';
      /** Found by this shipment's tracking number: the card points it out. */
      shipmentId?: string;
    }
  /** `popId` tells two pops of the same number apart, so a second ring reloads. */
  | { kind: 'screenPop'; phone: string; popId: number }
  /** The call workspace: the current call (ringing, on the line, in wrap-up). */
  | { kind: 'call' }
  /** A saved wrap-up of a done call, reopened from "my calls today" to correct it. */
  | { kind: 'wrapUpEdit'; callId: string }
  /** Why customers call, and the trends (supervisors, trainers, retailer admins). */
  | { kind: 'insights' }
  /** Customers to call about a delay they were not told of (the proactive outreach list). */
  | { kind: 'outreach' }
  /** The script studio (trainers, retailer admins). */
  | { kind: 'studio' }
  /** Webhooks and risk thresholds (retailer admins). */
  | { kind: 'admin' }
  /** The live floor: agents, today's figures, alerts (supervisors, retailer admins). */
  | { kind: 'floor' }
  /** `returnTo`: the screen Settings was opened over, shown again when it closes. */
  | { kind: 'settings'; returnTo: Exclude<View, { kind: 'settings' }> };

export type NavigationAction =
  | { type: 'queryChanged'; query: string }
  | {
      type: 'openCustomer';
      customerId: string;
      from: 'search' | 'screenPop' | 'link';
      shipmentId?: string;
    }
  | { type: 'screenPop'; phone: string }
  | { type: 'backToSearch' }
  | { type: 'openSettings' }
  | { type: 'closeSettings' }
  /** A call rang or the agent started one (or asked to go back to it). */
  | { type: 'openCall' }
  | { type: 'editWrapUp'; callId: string }
  | { type: 'openInsights' }
  | { type: 'openOutreach' }
  | { type: 'openStudio' }
  | { type: 'openAdmin' }
  | { type: 'openFloor' }
  /** The wrap-up was saved, or the call is over: back to the start screen. */
  | { type: 'home' };

export interface NavigationState {
  view: View;
  /** The text in the search field. */
  query: string;
  popCount: number;
}

export const initialNavigation: NavigationState = {
  view: { kind: 'home' },
  query: '',
  popCount: 0,
};

export function navigate(state: NavigationState, action: NavigationAction): NavigationState {
  switch (action.type) {
    case 'queryChanged':
      return {
        ...state,
        query: action.query,
        view: action.query.trim() ? { kind: 'search' } : { kind: 'home' },
      };
    case 'openCustomer':
      return {
        ...state,
        view: {
          kind: 'customer',
          customerId: action.customerId,
          from: action.from,
          ...(action.shipmentId ? { shipmentId: action.shipmentId } : {}),
        },
      };
    case 'screenPop': {
      const popCount = state.popCount + 1;
      return {
        ...state,
        popCount,
        view: { kind: 'screenPop', phone: action.phone, popId: popCount },
      };
    }
    case 'backToSearch':
      return { ...state, view: state.query.trim() ? { kind: 'search' } : { kind: 'home' } };
    case 'openSettings':
      if (state.view.kind === 'settings') return state;
      return { ...state, view: { kind: 'settings', returnTo: state.view } };
    case 'closeSettings':
      return state.view.kind === 'settings' ? { ...state, view: state.view.returnTo } : state;
    case 'openCall':
      // The search text stays: the agent may still want it after the call.
      return state.view.kind === 'call' ? state : { ...state, view: { kind: 'call' } };
    case 'editWrapUp':
      return { ...state, view: { kind: 'wrapUpEdit', callId: action.callId } };
    case 'openInsights':
      return { ...state, view: { kind: 'insights' } };
    case 'openOutreach':
      return { ...state, view: { kind: 'outreach' } };
    case 'openStudio':
      return { ...state, view: { kind: 'studio' } };
    case 'openAdmin':
      return { ...state, view: { kind: 'admin' } };
    case 'openFloor':
      return { ...state, view: { kind: 'floor' } };
    case 'home':
      return { ...state, query: '', view: { kind: 'home' } };
  }
}

/** An `app:navigate` push (a koe:// link, the menu) as a navigation action. */
export function actionForNavigateEvent(event: IpcEvents['app:navigate']): NavigationAction {
  switch (event.to) {
    case 'customer':
      return { type: 'openCustomer', customerId: event.customerId, from: 'link' };
    case 'search':
      return { type: 'queryChanged', query: event.query };
    case 'screenPop':
      return { type: 'screenPop', phone: event.phone };
  }
}
