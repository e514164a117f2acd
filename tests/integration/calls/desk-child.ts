/**
 * The child of desk-crash.test.ts: a core on the data folder given as argv[2] takes a typed call,
 * ends it, and then keeps saving the wrap-up's draft with a counter in the customer's words,
 * printing `<callId> <n>` after each save returns — until the parent SIGKILLs it.
 * Run with `node --import tsx desk-child.ts <dataDir>`.
 */
import { startKoeCore } from '../../../src/main/core/koe-core';
import { SPOKEN_CARD, wrapUpDraftWith } from './draft-fixtures';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: desk-child.ts <dataDir>');
const core = await startKoeCore({
  dataDir,
  appVersion: 'test',
  ctiPort: false,
  predictions: false,
});

const value = async (channel: string, input: unknown) => {
  const result = await core.router.handle(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as Record<string, unknown>;
};

const call = await value('calls:start', { phone: '090-1234-5678' });
const callId = call.callId as string;
await value('calls:end', { callId });
for (let n = 1; ; n++) {
  const saved = await value('calls:saveDraft', {
    callId,
    draft: wrapUpDraftWith(`draft ${n}: card ${SPOKEN_CARD}`),
  });
  if (saved.kept !== true) throw new Error('the draft was not kept');
  // The line is written only after the save committed (it may leave the process later).
  process.stdout.write(`${callId} ${n}\n`);
}
