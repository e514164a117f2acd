import { describe, expect, it } from 'vitest';
import { writesFirst } from '../../../../server/src/http/writes-first';

/** A work that runs until released, noting when it started. */
function held(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    work: async () => {
      started.push(name);
      await done;
    },
    release: () => release(),
  };
}
const settle = () => new Promise((r) => setImmediate(r));

/** Pulls give way to writes in a process, but a steady stream of writes never starves them. */
describe('writesFirst', () => {
  it('starts no pull while a write is being stored, and the waiting pulls at its end', async () => {
    let clock = 0;
    const turns = writesFirst({ pullsAtATime: 2, patienceMs: 100, now: () => clock });
    const started: string[] = [];
    const first = held(started, 'pull 1');
    const running = turns.pull(first.work);
    await settle();
    const write = held(started, 'write');
    const writing = turns.write(write.work);
    const second = held(started, 'pull 2');
    const waiting = turns.pull(second.work);
    await settle();
    // A slot is free (two at a time), but a write is in: pull 2 waits, though time passes.
    expect(started).toEqual(['pull 1', 'write']);
    clock += 50;
    first.release();
    await running;
    await settle();
    expect(started).toEqual(['pull 1', 'write']);
    write.release();
    await writing;
    await settle();
    expect(started).toEqual(['pull 1', 'write', 'pull 2']);
    second.release();
    await waiting;
  });

  it('lets one pull start at a write’s end once the pulls waited past their patience', async () => {
    let clock = 0;
    const turns = writesFirst({ pullsAtATime: 4, patienceMs: 100, now: () => clock });
    const started: string[] = [];
    const pulls = [1, 2].map((i) => held(started, `pull ${i}`));
    const writes = [1, 2, 3].map((i) => held(started, `write ${i}`));
    const w1 = turns.write(writes[0]!.work);
    const w2 = turns.write(writes[1]!.work);
    const waiting = pulls.map((p) => turns.pull(p.work));
    await settle();
    expect(started).toEqual(['write 1', 'write 2']);
    // Writes overlap without end: the pulls' patience runs out, and one (only) starts.
    clock += 150;
    writes[0]!.release();
    await w1;
    await settle();
    expect(started).toEqual(['write 1', 'write 2', 'pull 1']);
    const w3 = turns.write(writes[2]!.work);
    writes[1]!.release();
    await w2;
    await settle();
    // One just started: the other waits for its own turn.
    expect(started).toEqual(['write 1', 'write 2', 'pull 1', 'write 3']);
    pulls[0]!.release();
    writes[2]!.release();
    await w3;
    await settle();
    expect(started).toEqual(['write 1', 'write 2', 'pull 1', 'write 3', 'pull 2']);
    pulls[1]!.release();
    await Promise.all(waiting);
  });
});
