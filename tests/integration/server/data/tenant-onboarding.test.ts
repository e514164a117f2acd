import { afterAll, beforeAll, expect, it } from 'vitest';
import { runServerCommand } from '../../../../server/src/cli/server-command';
import { DESK_ID_HEADER } from '../../../../src/shared/protocol/update-feed';
import { customerRecord } from '../../../fixtures/retailer-records';
import { PASSWORD, call, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * The operator's path to a new retailer, on a real server over SQLite and PostgreSQL: the
 * command (`npm run server -- tenant …`, run here in-process on the server's own database) and
 * the operator API create a retailer, its centers and first admin, and disable a center whose
 * contract ended, after which its users' sessions, tokens and sign-ins are refused.
 */
describeEachDatabase('onboarding a retailer ($name)', ({ postgres }) => {
  let server: TestServer;
  beforeAll(async () => {
    // The default: a process trusts a center's status for 10 s (a command's disabling is seen
    // within it; the tests below take care that no cached answer is in the way).
    server = await startTestServer({ postgres, webhooks: false });
  });
  afterAll(() => server?.close());

  /** Runs `npm run server -- <args>` on the server's database; what it printed. */
  const command = async (args: string[], stdin = '') => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runServerCommand(
      args,
      { ...server.databaseEnv },
      { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin },
    );
    return { code, out, err: err.join('\n') };
  };

  const signIn = (email: string, password: string) =>
    call(server.url, null, 'POST', '/v1/auth/sign-in', { email, password });

  it('creates a retailer, its centers and first admin, with a password printed once', async () => {
    const made = await command([
      'tenant',
      'create',
      '--id',
      'acme',
      '--name',
      'Acme 通販',
      '--center',
      'acme-tokyo=東京センター',
      '--center',
      'acme-osaka=大阪センター',
      '--admin-email',
      'Admin@Acme.example',
      '--admin-name',
      '山田 花子',
    ]);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    const at = made.out.findIndex((l) => l.startsWith('Password for admin@acme.example'));
    const password = made.out[at + 1]!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const session = await signIn('admin@acme.example', password);
    expect(session.status).toBe(200);
    expect(session.json).toMatchObject({
      user: { tenantId: 'acme', role: 'retailer_admin', centerId: null, retailerName: 'Acme 通販' },
    });
    // The new retailer works at once: its admin pushes data and reads it back from its own pull.
    const token = (session.json as { accessToken: string }).accessToken;
    const batch = await call(server.url, token, 'POST', '/v1/data/batch', {
      records: [customerRecord({ id: 'acme-c1' })],
    });
    expect(batch).toMatchObject({ status: 200, json: { applied: 1 } });
    const listed = await command(['tenant', 'list']);
    expect(listed.out.join('\n')).toMatch(/acme {2}Acme 通販 {2}\(1 admins/);
    expect(listed.out.join('\n')).toContain('acme-osaka  大阪センター  0 users');
  });

  it('takes the password from stdin, and refuses bad input without creating anything', async () => {
    const args = (id: string, email: string) => [
      'tenant',
      'create',
      '--id',
      id,
      '--name',
      id,
      '--center',
      `${id}-main=Main`,
      '--admin-email',
      email,
      '--admin-name',
      'Admin',
      '--password-stdin',
    ];
    const ok = await command(args('beta', 'admin@beta.example'), 'a long enough password\n');
    expect(ok.code).toBe(0);
    expect(ok.out.join('\n')).not.toContain('Password for');
    expect((await signIn('admin@beta.example', 'a long enough password')).status).toBe(200);

    const short = await command(args('gamma', 'admin@gamma.example'), 'short\n');
    expect(short.code).toBe(1);
    expect(short.err).toContain('admin.password');
    const taken = await command(args('delta', 'admin@beta.example'), 'a long enough password');
    expect(taken).toMatchObject({ code: 1, err: 'admin@beta.example already has an account.' });
    const again = await command(args('beta', 'other@beta.example'), 'a long enough password');
    expect(again).toMatchObject({ code: 1, err: 'A retailer with id beta already exists.' });
    const badId = await command(args('Bad Id', 'x@bad.example'), 'a long enough password');
    expect(badId.code).toBe(1);
    expect((await command(['tenant', 'frob'])).code).toBe(2);
    const tenants = (await command(['tenant', 'list'])).out.join('\n');
    for (const id of ['gamma', 'delta', 'Bad Id']) expect(tenants).not.toContain(`${id}  `);
    expect((await signIn('admin@gamma.example', 'short')).status).toBe(401);
  });

  it("disables a center: its users' tokens, refresh and sign-in are refused, others work", async () => {
    const center = 'retailer-a-center-y';
    const agent = await signIn(`agent@${center}.example`, PASSWORD);
    const { accessToken, refreshToken } = agent.json as {
      accessToken: string;
      refreshToken: string;
    };
    const other = await signIn('agent@retailer-a-center-x.example', PASSWORD);
    const otherToken = (other.json as { accessToken: string }).accessToken;
    // A desk of the center, registered at a sign-in that names it.
    const deskId = 'desk-00000000-0000-4000-8000-0000000000c1';
    const onDesk = await call(
      server.url,
      null,
      'POST',
      '/v1/auth/sign-in',
      {
        email: `agent@${center}.example`,
        password: PASSWORD,
      },
      { [DESK_ID_HEADER]: deskId },
    );
    const { accessToken: deskToken, refreshToken: deskRefresh } = onDesk.json as {
      accessToken: string;
      refreshToken: string;
    };
    const onTheDesk = { [DESK_ID_HEADER]: deskId };

    const disabled = await command([
      'tenant',
      'disable-center',
      '--tenant',
      'retailer-a',
      '--center',
      center,
    ]);
    expect(disabled.code).toBe(0);
    expect(disabled.out[0]).toContain('2 sign-ins ended, 1 desks revoked');

    const pull = await call(server.url, accessToken, 'GET', '/v1/sync/pull?cursor=0');
    expect(pull).toMatchObject({ status: 403, json: { error: { code: 'center_disabled' } } });
    // The center's desk is revoked: it erases its customer data at this contact.
    const deskPull = await call(server.url, deskToken, 'GET', '/v1/sync/pull?cursor=0', undefined, {
      [DESK_ID_HEADER]: deskId,
    });
    expect(deskPull).toMatchObject({
      status: 403,
      json: { error: { code: 'device_revoked', reason: 'center_disabled' } },
    });
    // Its records are still taken before it erases (an empty batch: past the center's refusal,
    // refused only as empty)…
    const push = await call(
      server.url,
      deskToken,
      'POST',
      '/v1/voc/batch',
      { records: [] },
      onTheDesk,
    );
    expect(push.status).not.toBe(403);
    // …and its refresh, its sign-in revoked with the center, says why too: it erases, rather than
    // only asking its agent to sign in again.
    const deskRefreshed = await call(
      server.url,
      null,
      'POST',
      '/v1/auth/refresh',
      { refreshToken: deskRefresh },
      onTheDesk,
    );
    expect(deskRefreshed).toMatchObject({
      status: 403,
      json: { error: { code: 'device_revoked', reason: 'center_disabled' } },
    });
    const refreshed = await call(server.url, null, 'POST', '/v1/auth/refresh', { refreshToken });
    expect(refreshed.status).toBe(401);
    expect(await signIn(`supervisor@${center}.example`, PASSWORD)).toMatchObject({
      status: 403,
      json: { error: { code: 'center_disabled' } },
    });
    // The other center and the retailer's own roles carry on.
    expect((await call(server.url, otherToken, 'GET', '/v1/sync/pull?cursor=0')).status).toBe(200);
    expect((await signIn('admin@retailer-a.example', PASSWORD)).status).toBe(200);
    // A second disabling changes nothing.
    const again = await command([
      'tenant',
      'disable-center',
      '--tenant',
      'retailer-a',
      '--center',
      center,
    ]);
    expect(again.out[0]).toContain('0 sign-ins ended');
    expect(
      (await command(['tenant', 'disable-center', '--tenant', 'retailer-b', '--center', center]))
        .err,
    ).toBe(`Retailer retailer-b has no center ${center}.`);

    // The contract renewed: its users sign in again; the desk erased stays revoked.
    const enabled = await command([
      'tenant',
      'enable-center',
      '--tenant',
      'retailer-a',
      '--center',
      center,
    ]);
    expect(enabled).toMatchObject({ code: 0 });
    expect(enabled.out[0]).toContain(`Enabled center ${center} of retailer-a`);
    expect((await signIn(`supervisor@${center}.example`, PASSWORD)).status).toBe(200);
    const atRevokedDesk = await call(
      server.url,
      null,
      'POST',
      '/v1/auth/sign-in',
      { email: `agent@${center}.example`, password: PASSWORD },
      onTheDesk,
    );
    expect(atRevokedDesk).toMatchObject({
      status: 403,
      json: { error: { code: 'device_revoked' } },
    });
    expect(
      (await command(['tenant', 'enable-center', '--tenant', 'retailer-b', '--center', center]))
        .err,
    ).toBe(`Retailer retailer-b has no center ${center}.`);
  });

  it('serves the operator API to an operator key only, and to no retailer role', async () => {
    const made = await command(['operator', 'create-key', '--name', 'ops']);
    const key = made.out[1]!;
    expect(key).toMatch(/^koe_op_[A-Za-z0-9_-]{43}$/);
    const admin = (
      (await signIn('admin@retailer-b.example', PASSWORD)).json as { accessToken: string }
    ).accessToken;

    expect(await call(server.url, admin, 'GET', '/v1/operator/tenants')).toMatchObject({
      status: 403,
      json: { error: { code: 'forbidden' } },
    });
    expect((await call(server.url, `${key}x`, 'GET', '/v1/operator/tenants')).status).toBe(401);
    // The operator sees no retailer's data.
    expect((await call(server.url, key, 'GET', '/v1/sync/pull?cursor=0')).status).toBe(403);
    expect((await call(server.url, key, 'GET', '/v1/voc/export')).status).toBe(403);

    const listed = await call(server.url, key, 'GET', '/v1/operator/tenants');
    expect(listed.status).toBe(200);
    expect((listed.json as { tenants: { id: string }[] }).tenants.map((t) => t.id)).toEqual(
      expect.arrayContaining(['retailer-a', 'retailer-b']),
    );

    const created = await call(server.url, key, 'POST', '/v1/operator/tenants', {
      id: 'omega',
      name: 'Omega',
      centers: [{ id: 'omega-kobe', name: '神戸' }],
      admin: { email: 'admin@omega.example', displayName: 'Omega admin' },
    });
    expect(created.status).toBe(200);
    const password = (created.json as { generatedPassword: string }).generatedPassword;
    expect((await signIn('admin@omega.example', password)).status).toBe(200);
    const added = await call(server.url, key, 'POST', '/v1/operator/tenants/omega/centers', {
      id: 'omega-nara',
      name: '奈良',
    });
    expect(added).toMatchObject({ status: 200, json: { id: 'omega-nara', disabledAt: null } });

    // A center whose status this process has just read (and keeps for 10 s) is refused at once
    // when the operator disables it through the API.
    const center = 'retailer-b-center-x';
    const agent = (
      (await signIn(`agent@${center}.example`, PASSWORD)).json as { accessToken: string }
    ).accessToken;
    expect((await call(server.url, agent, 'GET', '/v1/sync/pull?cursor=0')).status).toBe(200);
    const disabled = await call(
      server.url,
      key,
      'POST',
      `/v1/operator/tenants/retailer-b/centers/${center}/disable`,
    );
    expect(disabled).toMatchObject({ status: 200, json: { id: center, revokedSessions: 1 } });
    expect(await call(server.url, agent, 'GET', '/v1/sync/pull?cursor=0')).toMatchObject({
      status: 403,
      json: { error: { code: 'center_disabled' } },
    });
    expect(
      (
        await call(
          server.url,
          key,
          'POST',
          `/v1/operator/tenants/retailer-a/centers/${center}/disable`,
        )
      ).status,
    ).toBe(404);
    // Its twin: enabled again through the API, refused in no process's cache (forgotten at once).
    const enabled = await call(
      server.url,
      key,
      'POST',
      `/v1/operator/tenants/retailer-b/centers/${center}/enable`,
    );
    expect(enabled).toMatchObject({
      status: 200,
      json: { tenantId: 'retailer-b', id: center, disabledAt: null },
    });
    const again = (
      (await signIn(`agent@${center}.example`, PASSWORD)).json as { accessToken: string }
    ).accessToken;
    expect((await call(server.url, again, 'GET', '/v1/sync/pull?cursor=0')).status).toBe(200);
    expect(
      (
        await call(
          server.url,
          admin,
          'POST',
          `/v1/operator/tenants/retailer-b/centers/${center}/enable`,
        )
      ).status,
    ).toBe(403);
  });
});
