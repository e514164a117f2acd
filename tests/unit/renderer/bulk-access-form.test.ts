import { describe, expect, it } from 'vitest';
import {
  checkBulkAccessDraft,
  draftOf,
  newDraft,
} from '../../../src/renderer/src/admin/bulk-access-form';

const named = { ...newDraft(), labelJa: '通話外の閲覧', labelEn: 'Out-of-call lookups' };

describe('the bulk-access policy form', () => {
  it('sends what the protocol takes: numbers typed as text, full-width digits and commas too', () => {
    expect(
      checkBulkAccessDraft({ ...named, threshold: '１，０００', windowMinutes: '６０' }),
    ).toEqual({
      problems: {},
      save: {
        labelJa: '通話外の閲覧',
        labelEn: 'Out-of-call lookups',
        metric: 'opened_outside_call',
        threshold: 1000,
        windowMinutes: 60,
        action: 'notify_supervisor',
        active: true,
      },
    });
  });

  it('names each wrong field and sends nothing', () => {
    const { problems, save } = checkBulkAccessDraft({
      ...newDraft(),
      labelJa: '   ',
      threshold: '-1',
      windowMinutes: '1441',
    });
    expect(save).toBeNull();
    expect(problems).toEqual({
      labelJa: true,
      labelEn: true,
      threshold: true,
      windowMinutes: true,
    });
    expect(checkBulkAccessDraft({ ...named, threshold: '2.5' }).problems).toEqual({
      threshold: true,
    });
    expect(checkBulkAccessDraft({ ...named, windowMinutes: '0' }).problems).toEqual({
      windowMinutes: true,
    });
  });

  it('keeps the id of the policy it edits', () => {
    const draft = draftOf({
      id: 'bulk-access-1',
      updatedAt: '2026-12-07T09:00:00.000Z',
      labelJa: '開示',
      labelEn: 'Reveals',
      metric: 'reveals',
      threshold: 5,
      windowMinutes: 480,
      action: 'lock_desk',
      active: false,
    });
    expect(checkBulkAccessDraft(draft).save).toMatchObject({
      id: 'bulk-access-1',
      threshold: 5,
      active: false,
    });
  });
});
