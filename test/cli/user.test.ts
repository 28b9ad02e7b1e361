import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { authenticate, signIn, startSession } from '../../src/app/sessions.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { cliClock, runFirmly } from '../support/cli.ts';


const clock = cliClock;
const password = 'a long enough passphrase';

const firmly = runFirmly;

describe.each(testDatabases())('firmly user on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let env: Record<string, string>;
  beforeEach(async () => {
    store = await open();
    ctx = appContext(store, clock);
    env = { ...store.env };
  });
  afterEach(async () => { await store.close(); });

  const canSignIn = async (email: string, pass = password) => (await signIn(ctx, { email, password: pass, address: '127.0.0.1' })).kind;

  it('adds users with the password from standard input: owner first, member after, or the role asked for', async () => {
    expect(await firmly(env, `${password}\n`, 'user', 'add', 'Anna@Studio.example')).toMatchObject({
      code: 0, stdout: 'Added anna@studio.example, owner in workspace "default" (created).\n',
    });
    expect(await firmly(env, `${password}\r\n`, 'user', 'add', 'bo@studio.example')).toMatchObject({ code: 0, stdout: expect.stringContaining('member in workspace "default"') });
    expect(await firmly(env, password, 'user', 'add', 'cy@studio.example', '--role', 'viewer', '--workspace', 'agency')).toMatchObject({
      code: 0, stdout: 'Added cy@studio.example, viewer in workspace "agency" (created).\n',
    });
    for (const email of ['anna@studio.example', 'bo@studio.example', 'cy@studio.example']) expect(await canSignIn(email)).toBe('signed-in');

    const listed = await firmly(env, '', 'user', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([
      { email: 'anna@studio.example', createdAt: '2026-11-27T10:00:00.000Z', memberships: [{ workspaceId: 'default', role: 'owner' }] },
      { email: 'bo@studio.example', createdAt: '2026-11-27T10:00:00.000Z', memberships: [{ workspaceId: 'default', role: 'member' }] },
      { email: 'cy@studio.example', createdAt: '2026-11-27T10:00:00.000Z', memberships: [{ workspaceId: 'agency', role: 'viewer' }] },
    ]);
    expect((await firmly(env, '', 'user', 'list')).stdout).toMatch(/^anna@studio\.example\s+default:owner\s+since 2026-11-27$/m);
  });

  it('reads only the first line, so the password may contain spaces but not a line break', async () => {
    await firmly(env, `  spaced pass phrase  \nsecond line\n`, 'user', 'add', 'anna@studio.example');
    expect(await canSignIn('anna@studio.example', '  spaced pass phrase  ')).toBe('signed-in');
  });

  it('refuses a password shorter than 12 characters, or none, and adds nobody', async () => {
    expect(await firmly(env, 'elevenchars\n', 'user', 'add', 'anna@studio.example')).toMatchObject({ code: 2, stderr: expect.stringContaining('at least 12 characters') });
    expect(await firmly(env, '', 'user', 'add', 'anna@studio.example')).toMatchObject({ code: 2, stderr: expect.stringContaining('no password on standard input') });
    expect(await firmly(env, '', 'user', 'list')).toMatchObject({ code: 0, stdout: expect.stringContaining('No users yet') });
  });

  it.each([
    [['user', 'add', 'not-an-email'], /not an email address/],
    [['user', 'add', 'anna@studio.example', '--role', 'admin'], /argument 'admin' is invalid/],
    [['user', 'remove', 'nobody@studio.example'], /there is no user nobody@studio.example/],
    [['user', 'password', 'nobody@studio.example'], /there is no user/],
  ])('exits 2 on %j', async (argv, message) => {
    const outcome = await firmly(env, `${password}\n`, ...argv);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(message);
  });

  it('gives an existing user a role in another workspace without touching the password, and never demotes by accident', async () => {
    await firmly(env, `${password}\n`, 'user', 'add', 'anna@studio.example');
    expect(await firmly(env, 'ignored new password\n', 'user', 'add', 'ANNA@studio.example')).toMatchObject({
      code: 0, stdout: expect.stringContaining('already owner in workspace "default"; nothing changed'),
    });
    expect(await firmly(env, '', 'user', 'add', 'anna@studio.example', '--workspace', 'second', '--role', 'viewer')).toMatchObject({
      code: 0, stdout: 'anna@studio.example is now viewer in workspace "second" (created); the password is unchanged.\n',
    });
    expect(await canSignIn('anna@studio.example')).toBe('signed-in');
    expect(JSON.parse((await firmly(env, '', 'user', 'list', '--json')).stdout)[0].memberships).toEqual([
      { workspaceId: 'default', role: 'owner' }, { workspaceId: 'second', role: 'viewer' },
    ]);
  });

  it('removes a user and sets a new password, ending their sessions either way', async () => {
    await firmly(env, `${password}\n`, 'user', 'add', 'anna@studio.example');
    await firmly(env, `${password}\n`, 'user', 'add', 'bo@studio.example');
    const anna = await startSession(ctx, { id: (await store.raw('select id from app_user where email = ?', ['anna@studio.example']) as { id: string }[])[0]!.id, email: 'anna@studio.example' });

    expect(await firmly(env, 'the new passphrase\n', 'user', 'password', 'anna@studio.example')).toMatchObject({ code: 0, stdout: expect.stringContaining('sessions have ended') });
    expect(await authenticate(ctx, anna.token)).toBeUndefined();
    expect(await canSignIn('anna@studio.example', 'the new passphrase')).toBe('signed-in');

    expect(await firmly(env, '', 'user', 'remove', 'BO@studio.example')).toMatchObject({ code: 0, stdout: 'Removed bo@studio.example; their sessions have ended.\n' });
    expect(await canSignIn('bo@studio.example')).toBe('refused');
    expect(await store.raw('select * from membership where user_id not in (select id from app_user)')).toEqual([]);
  });

  it('explains itself with --help', async () => {
    expect(await firmly(env, '', 'user', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: firmly user') });
    expect(await firmly(env, '', 'user', 'add', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('standard input') });
  });
});
