import { afterAll, beforeAll, expect, it } from 'vitest';
import { runServerCommand } from '../../../../server/src/cli/server-command';
import { session as sessionSchema } from '../../../../src/shared/protocol/auth';
import { DESK_ID_HEADER } from '../../../../src/shared/protocol/update-feed';
import {
  call,
  openEventStream,
  PASSWORD,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * Every server process answers "is this desk revoked?" from memory (revocation-list.ts), so a
 * desk revoked by a path that is not the process serving it must still reach that process: the
 * operator's command (a process of its own, on the server's database) and the admin disabling a
 * user on another server process. The periodic reload is set to an hour here: only the commit's
 * notice (PostgreSQL) or the file's change (SQLite, one server process) can carry it. Each wait
 * ends on the desk's own stream ending with `event: revoked`, never on a timer.
 */
const A = TENANTS[0]!;
const agentOf = (center: number) =>
  A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[center])!;

describeEachDatabase('a desk revoked elsewhere, refused where it is served ($name)', (suite) => {
  let server: TestServer;
  /** The process the desk talks to: another one than the revoking one on PostgreSQL. */
  let served: string;
  beforeAll(async () => {
    server = await startTestServer({
      postgres: suite.postgres,
      webhooks: false,
      revocationReloadMs: 3_600_000,
    });
    served = suite.postgres ? (await server.startPeer()).url : server.url;
  });
  afterAll(() => server?.close());

  /** The desk signed in at the process that serves it, its stream open there. */
  async function deskAt(center: number, deskId: string) {
    const onDesk = { [DESK_ID_HEADER]: deskId };
    const signedIn = await call(
      served,
      null,
      'POST',
      '/v1/auth/sign-in',
      { email: agentOf(center).email, password: PASSWORD },
      onDesk,
    );
    expect(signedIn.status).toBe(200);
    const { accessToken } = sessionSchema.parse(signedIn.json);
    const pull = () => call(served, accessToken, 'GET', '/v1/sync/pull?limit=1', undefined, onDesk);
    expect((await pull()).status).toBe(200);
    const stream = await openEventStream(served, accessToken);
    const push = () => call(served, accessToken, 'POST', '/v1/voc/batch', { records: [] }, onDesk);
    return { stream, pull, push };
  }

  it("hears the operator command's center disabling: its stream ends, it is told why, its records are still taken", async () => {
    const desk = await deskAt(1, 'desk-00000000-0000-4000-8000-00000000e001');
    const out: string[] = [];
    const code = await runServerCommand(
      ['tenant', 'disable-center', '--tenant', A.id, '--center', A.centers[1]!],
      { ...server.databaseEnv },
      { out: (l) => out.push(l), err: (l) => out.push(l), readStdin: async () => '' },
    );
    expect([code, out.join('\n')]).toEqual([0, expect.stringContaining('1 desks revoked')]);

    expect(await desk.stream.until('event: revoked')).toContain('"reason":"device_revoked"');
    expect(await desk.pull()).toMatchObject({
      status: 403,
      json: { error: { code: 'device_revoked', reason: 'center_disabled' } },
    });
    // Past the revocation and the center's refusal: refused only as an empty batch.
    expect((await desk.push()).status).toBe(400);
    desk.stream.close();
  });

  it("hears a user disabled on another process: its desk's stream ends, it is told why", async () => {
    const desk = await deskAt(0, 'desk-00000000-0000-4000-8000-00000000e002');
    const admin = await signIn(server.url, `admin@${A.id}.example`);
    const disabled = await call(
      server.url,
      admin,
      'POST',
      `/v1/admin/users/${agentOf(0).id}/disable`,
    );
    expect(disabled).toMatchObject({ status: 200, json: { revokedDesks: 1 } });

    // The stream names the desk's revocation (the user's comes in its own notice, maybe later);
    // the request says why.
    expect(await desk.stream.until('event: revoked')).toContain('"reason":"device_revoked"');
    expect(await desk.pull()).toMatchObject({
      status: 403,
      json: { error: { code: 'device_revoked', reason: 'user_disabled' } },
    });
    expect((await desk.push()).status).toBe(400);
    desk.stream.close();
  });
});
