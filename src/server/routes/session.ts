import { z } from 'zod';
import { describeSession, loginLimits, signIn, signOut, startSession } from '../../app/sessions.ts';
import { setupCodeLimits } from '../../app/setup-code.ts';
import { isSetupNeeded, setUpFirstOwner, type WorkspaceMembership } from '../../app/users.ts';
import { startInstallation } from '../../app/demo.ts';
import { SetupStartWire } from '../../contract/demo.ts';
import { SessionView } from '../../contract/session.ts';
import { passwordRules } from '../../app/auth-password.ts';
import { FirmlyError } from '../../core/errors.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { sessionOf } from '../auth/guards.ts';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.ts';
import { sendRateLimited } from '../problem.ts';
import { ProblemView } from './problem-schema.ts';
import { publicRoute, signedIn, signedInUnsafe } from './security.ts';

/** A membership as the API shows it. */
export const workspaceView = (w: WorkspaceMembership) => ({ id: w.workspaceId, name: w.name, role: w.role, demo: w.demo });

const Credentials = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(passwordRules.maxLength * 4),
});

const NewOwner = z.object({
  email: z.email().max(254),
  password: z.string().max(passwordRules.maxLength * 4),
  setupCode: z.string().max(100).optional()
    .describe('the setup code `firmly serve` (and `npm start`) printed when it started, e.g. 1234-5678-9012-3456; spaces and dashes do not matter'),
  start: SetupStartWire.optional(),
});

export const sessionView = (info: Awaited<ReturnType<typeof describeSession>>) => ({
  user: info.user,
  workspaces: info.workspaces.map(workspaceView),
  csrfToken: info.csrfToken,
  expiresAt: info.expiresAt,
});

export function sessionRoutes(app: TypedServer, { ctx, workspaceId }: ServerDeps): void {
  app.get('/api/session', {
    compress: false,
    schema: {
      tags: ['session'],
      summary: 'Who is signed in: the user, their workspaces with their role in each, and the CSRF token',
      ...signedIn,
      response: { 200: SessionView, 401: ProblemView },
    },
  }, async (request) => sessionView(await describeSession(ctx, sessionOf(request).session)));

  app.post('/api/session', {
    compress: false,
    config: { access: 'public' },
    schema: {
      tags: ['session'],
      summary: 'Sign in: sets the session cookie (HttpOnly, SameSite=Lax, Secure over https)',
      description: `A wrong password and an unknown email get the same 401. At most ${loginLimits.perEmail} failed sign-ins per email (and ${loginLimits.perAddress} per network address) in any ${loginLimits.windowMs / 1000} s: the next one gets 429 with Retry-After, whatever the password. Refused from another site's page (Origin/Referer).`,
      ...publicRoute,
      body: Credentials,
      response: { 200: SessionView, 400: ProblemView, 401: ProblemView, 403: ProblemView, 429: ProblemView },
    },
  }, async (request, reply) => {
    const outcome = await signIn(ctx, { email: request.body.email, password: request.body.password, address: request.ip });
    if (outcome.kind === 'rate-limited') {
      return sendRateLimited(reply, outcome.retryAfterSeconds, `too many failed sign-ins; try again in ${outcome.retryAfterSeconds} s`, request.url);
    }
    if (outcome.kind === 'refused') throw new FirmlyError('auth.required', 'wrong email or password');
    // A new token on every sign-in (no session fixation); the session the browser had ends.
    if (request.auth) await signOut(ctx, request.auth.token);
    setSessionCookie(request, reply, outcome.token);
    return sessionView(await describeSession(ctx, outcome.session));
  });

  app.delete('/api/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign out: ends the session and clears the cookie',
      ...signedInUnsafe,
      response: { 204: z.null(), 401: ProblemView, 403: ProblemView },
    },
  }, async (request, reply) => {
    await signOut(ctx, sessionOf(request).token);
    clearSessionCookie(request, reply);
    return reply.code(204).send(null);
  });

  app.get('/api/setup', {
    config: { access: 'public' },
    schema: {
      tags: ['session'],
      summary: 'Whether Firmly still needs its first user (the first-run screen, which then asks for the setup code)',
      ...publicRoute,
      response: { 200: z.object({ needed: z.boolean() }) },
    },
  }, async () => ({ needed: await isSetupNeeded(ctx) }));

  app.post('/api/setup', {
    compress: false,
    config: { access: 'public' },
    schema: {
      tags: ['session'],
      summary: 'First run: creates the first user, owner of every workspace, and signs them in',
      description: `Only while there is no user at all (409 action.already_done after), and only with a setup code \`firmly serve\` printed (403 auth.forbidden, reason setup_code, without one or with a wrong one; it is used up by the setup). At most ${setupCodeLimits.perAddress} wrong codes per network address and ${setupCodeLimits.overall} overall in any ${setupCodeLimits.windowMs / 1000} s: the next one gets 429 with Retry-After. The password needs at least ${passwordRules.minLength} characters. Refused from another site's page (Origin/Referer). With \`start\`: "empty" removes the demo workspace if one was loaded, "demo" loads the demo into its own workspace \`demo\` if it is not there.`,
      ...publicRoute,
      body: NewOwner,
      response: { 201: SessionView, 400: ProblemView, 403: ProblemView, 409: ProblemView, 429: ProblemView },
    },
  }, async (request, reply) => {
    const outcome = await setUpFirstOwner(ctx, {
      email: request.body.email, password: request.body.password, workspaceId, setupCode: request.body.setupCode, address: request.ip,
    });
    if (outcome.kind === 'rate-limited') {
      return sendRateLimited(reply, outcome.retryAfterSeconds, `too many wrong setup codes; try again in ${outcome.retryAfterSeconds} s, or create the owner with \`firmly user add\``, request.url);
    }
    if (outcome.kind === 'code-refused') {
      throw new FirmlyError('auth.forbidden', `${outcome.missing ? 'the setup code is missing' : 'wrong setup code'}: enter the code \`firmly serve\` (or \`npm start\`) printed where it was started, or create the owner with \`firmly user add\``,
        { reason: 'setup_code' });
    }
    if (request.body.start) await startInstallation(ctx, request.body.start, workspaceId);
    const started = await startSession(ctx, outcome.user);
    setSessionCookie(request, reply, started.token);
    return reply.code(201).send(sessionView(await describeSession(ctx, started.session)));
  });
}
