import { describe, expect, it } from 'vitest';
import {
  actionForNavigateEvent,
  initialNavigation,
  navigate,
} from '../../../src/renderer/src/app/navigation';

describe('navigation', () => {
  it('typing shows results, clearing goes home, back returns to the results', () => {
    let state = navigate(initialNavigation, { type: 'queryChanged', query: '佐藤' });
    expect(state.view).toEqual({ kind: 'search' });
    state = navigate(state, { type: 'openCustomer', customerId: 'c1', from: 'search' });
    expect(state.view).toEqual({ kind: 'customer', customerId: 'c1', from: 'search' });
    expect(navigate(state, { type: 'backToSearch' }).view).toEqual({ kind: 'search' });
    expect(navigate(state, { type: 'queryChanged', query: '  ' }).view).toEqual({ kind: 'home' });
  });

  it('gives every screen pop its own id, so a second ring of the same number reloads', () => {
    const first = navigate(initialNavigation, { type: 'screenPop', phone: '0312345678' });
    const second = navigate(first, { type: 'screenPop', phone: '0312345678' });
    expect(first.view).not.toEqual(second.view);
  });

  it('maps app:navigate pushes to actions', () => {
    expect(actionForNavigateEvent({ to: 'customer', customerId: 'c1' })).toEqual({
      type: 'openCustomer',
      customerId: 'c1',
      from: 'link',
    });
    expect(actionForNavigateEvent({ to: 'search', query: 'KO-1' })).toEqual({
      type: 'queryChanged',
      query: 'KO-1',
    });
    expect(actionForNavigateEvent({ to: 'screenPop', phone: '+81312345678' })).toEqual({
      type: 'screenPop',
      phone: '+81312345678',
    });
  });
});

describe('navigation around calls', () => {
  it('opens the call workspace over any screen and goes home after the wrap-up', () => {
    let state = navigate(initialNavigation, { type: 'queryChanged', query: '佐藤' });
    state = navigate(state, { type: 'openCall' });
    expect(state.view).toEqual({ kind: 'call' });
    expect(state.query).toBe('佐藤');
    expect(navigate(state, { type: 'openCall' })).toBe(state);
    state = navigate(state, { type: 'home' });
    expect(state).toMatchObject({ view: { kind: 'home' }, query: '' });
  });

  it('reopens a saved wrap-up, and Settings returns to the call', () => {
    const edit = navigate(initialNavigation, { type: 'editWrapUp', callId: 'c1' });
    expect(edit.view).toEqual({ kind: 'wrapUpEdit', callId: 'c1' });
    const call = navigate(initialNavigation, { type: 'openCall' });
    const settings = navigate(call, { type: 'openSettings' });
    expect(navigate(settings, { type: 'closeSettings' }).view).toEqual({ kind: 'call' });
  });
});
