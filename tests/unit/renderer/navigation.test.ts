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
