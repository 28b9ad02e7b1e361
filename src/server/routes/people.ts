import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { accountLinkLimits } from '../../app/account-links.ts';
import { createConfiguredWorkspace } from '../../app/create-workspace.ts';
import {
  acceptInvitation, addMember, changeMemberRole, describeInvitation, getMember, invitationLifetimeMs, inviteMember, listMembers, removeMember, revokeInvitation,
} from '../../app/members.ts';
import { passwordRules } from '../../app/auth-password.ts';
import { completePasswordReset, passwordResetLifetimeMs, passwordResetLimits, requestPasswordReset } from '../../app/password-reset.ts';
import { describeSession, loginLimits, signOut } from '../../app/sessions.ts';
import { workspacesOf } from '../../app/users.ts';
import {
  AcceptInvitationBody, AddMemberBody, ChangeRoleBody, InvitationInfoView, InvitationTokenBody, InviteBody, MembersView, MemberView, NewWorkspaceBody,
  PasswordResetAvailabilityView, PasswordResetBody, PasswordResetRequestBody, PendingInvitationView,
} from '../../contract/people.ts';
import { FirmlyError } from '../../core/errors.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { requireRole, sessionOf, workspaceOf } from '../auth/guards.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import { sendRateLimited } from '../problem.ts';
import { mailOf } from './outbox.ts';
import { originOf } from './portal-links.ts';
import { ProblemView } from './problem-schema.ts';
import { publicRoute, signedIn, signedInUnsafe, WorkspaceIdParam, WorkspaceParams } from './security.ts';
import { SessionView, WorkspaceView } from '../../contract/session.ts';
import { sessionView } from './session.ts';

// Workspaces and their people (#12 item 5): owners create workspaces and manage members from
// Settings; invitations and password resets arrive as mailed links whose token the page
// sends in the body (never the URL, so no log holds it). The public routes here get the
// Origin/Referer check of sign-in from the guards, and their own limits.

const MemberParams = z.object({ workspaceId: WorkspaceIdParam, userId: z.string().min(1).max(100).describe('the userId of GET …/members') });
const InvitationParams = z.object({ workspaceId: WorkspaceIdParam, invitationId: z.string().min(1).max(100) });

const errors = { 400: ProblemView, 401: ProblemView, 403: ProblemView, 404: ProblemView, 409: ProblemView };
const publicErrors = { 400: ProblemView, 403: ProblemView, 404: ProblemView, 429: ProblemView };
const days = (ms: number) => ms / (24 * 60 * 60 * 1000);

export function peopleRoutes(app: TypedServer, deps: ServerDeps): void {
  const { ctx } = deps;
  const mail = (request: FastifyRequest) => ({ smtp: mailOf(deps).smtp, baseUrl: deps.publicUrl ?? originOf(request) });
  // A member named in the path that is not one is 404 before the body is looked at, as for any other thing named in a path.
  const memberExists = async (request: FastifyRequest): Promise<void> => {
    await getMember(ctx, workspaceOf(request), (request.params as { userId: string }).userId);
  };

  app.post('/api/workspaces', {
    schema: {
      tags: ['workspaces'],
      summary: 'Creates a workspace, records its workspace.configured, and makes you its owner',
      description: 'Only for an owner of at least one workspace (403 otherwise). 409 action.already_done for an id in use. A setting the ledger refuses is 400 naming it, and nothing is created.',
      ...signedInUnsafe,
      body: NewWorkspaceBody,
      response: { 201: z.object({ workspace: WorkspaceView }), 400: ProblemView, 401: ProblemView, 403: ProblemView, 409: ProblemView },
    },
  }, async (request, reply) => {
    const { id, ...settings } = request.body;
    const { user } = sessionOf(request).session;
    await createConfiguredWorkspace(ctx, user.id, id, settings);
    const created = (await workspacesOf(ctx, user.id)).find((w) => w.workspaceId === id);
    if (!created) throw new FirmlyError('internal', `workspace ${id} was created without its owner`);
    return reply.code(201).send({ workspace: { id, name: created.name, role: created.role, demo: created.demo } });
  });

  app.get('/api/workspaces/:workspaceId/members', {
    schema: {
      tags: ['workspaces'],
      summary: 'The members of the workspace with their role and since when, and the invitations still open',
      ...signedIn,
      params: WorkspaceParams,
      response: { 200: MembersView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => listMembers(ctx, workspaceOf(request)));

  app.post('/api/workspaces/:workspaceId/members', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['workspaces'],
      summary: 'Gives someone a role in the workspace: a new account with the password you hand over, or an existing account as it is',
      description: `Needs the owner role. For an email without an account the password is required (at least ${passwordRules.minLength} characters, stored as argon2id, as \`firmly user add\`); for one with an account it must be left out (409 otherwise: they sign in with their own). 409 for someone who is a member already.`,
      ...signedInUnsafe,
      params: WorkspaceParams,
      body: AddMemberBody,
      response: { 201: MemberView, ...errors },
    },
  }, async (request, reply) => reply.code(201).send(await addMember(ctx, workspaceOf(request), request.body)));

  app.patch('/api/workspaces/:workspaceId/members/:userId', {
    onRequest: requireRole('owner'),
    preValidation: memberExists,
    schema: {
      tags: ['workspaces'],
      summary: 'Changes a member\'s role',
      description: 'Needs the owner role. 409 member.last_owner when it would leave the workspace without an owner.',
      ...signedInUnsafe,
      params: MemberParams,
      body: ChangeRoleBody,
      response: { 200: MemberView, ...errors },
    },
  }, async (request) => changeMemberRole(ctx, workspaceOf(request), request.params.userId, request.body.role));

  app.delete('/api/workspaces/:workspaceId/members/:userId', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['workspaces'],
      summary: 'Removes someone from the workspace (their account and other workspaces stay)',
      description: 'Needs the owner role. 409 member.last_owner for the last owner.',
      ...signedInUnsafe,
      params: MemberParams,
      response: { 204: z.null(), ...errors },
    },
  }, async (request, reply) => {
    await removeMember(ctx, workspaceOf(request), request.params.userId);
    return reply.code(204).send(null);
  });

  app.post('/api/workspaces/:workspaceId/members/invitations', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['workspaces'],
      summary: 'Mails someone a link to join the workspace with a role',
      description: `Needs the owner role and SMTP (501 not_supported without; 502 mail.not_sent when the server refuses, and no invitation is kept). The link is {PUBLIC_URL or the origin of this request}/invitation#{token}: 256 random bits of which only the SHA-256 is stored; it works once, for ${days(invitationLifetimeMs)} days. The mail is in the workspace's language.`,
      ...signedInUnsafe,
      params: WorkspaceParams,
      body: InviteBody,
      response: { 201: PendingInvitationView, ...errors, 501: ProblemView, 502: ProblemView },
    },
  }, async (request, reply) => reply.code(201).send(await inviteMember(ctx, workspaceOf(request),
    { ...request.body, invitedBy: sessionOf(request).session.user }, mail(request))));

  app.delete('/api/workspaces/:workspaceId/members/invitations/:invitationId', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['workspaces'],
      summary: 'Withdraws an invitation: its link opens nothing from now on',
      description: 'Needs the owner role.',
      ...signedInUnsafe,
      params: InvitationParams,
      response: { 204: z.null(), ...errors },
    },
  }, async (request, reply) => {
    await revokeInvitation(ctx, workspaceOf(request), request.params.invitationId);
    return reply.code(204).send(null);
  });

  const limited = `At most ${accountLinkLimits.perAddress} links that open nothing per network address in any ${accountLinkLimits.windowMs / 1000} s: the next try gets 429 with Retry-After. Refused from another site's page (Origin/Referer).`;

  app.post('/api/invitations/inspect', {
    config: { access: 'public' },
    schema: {
      tags: ['session'],
      summary: 'What an invitation link offers: the workspace, the role, the email, and whether it has an account',
      description: `Public: the token is the credential. 404 invitation.not_found for a link unknown, expired, used or withdrawn alike. ${limited}`,
      ...publicRoute,
      body: InvitationTokenBody,
      response: { 200: InvitationInfoView, ...publicErrors },
    },
  }, async (request, reply) => {
    const outcome = await describeInvitation(ctx, request.body.token, request.ip);
    if (outcome.kind === 'rate-limited') return sendRateLimited(reply, outcome.retryAfterSeconds, `too many links that open nothing; try again in ${outcome.retryAfterSeconds} s`, request.url);
    return outcome.invitation;
  });

  app.post('/api/invitations/accept', {
    compress: false,
    config: { access: 'public' },
    schema: {
      tags: ['session'],
      summary: 'Accepts an invitation: joins the workspace with its role and signs in (sets the session cookie)',
      description: `Public: the token is the credential, used up by this. Without an account the password becomes the new account's (at least ${passwordRules.minLength} characters); with one it must be its password (401 otherwise, counted with that email's failed sign-ins: ${loginLimits.perEmail} per ${loginLimits.windowMs / 1000} s). 404 invitation.not_found for a link unknown, expired, used or withdrawn alike. ${limited}`,
      ...publicRoute,
      body: AcceptInvitationBody,
      response: { 200: SessionView, 401: ProblemView, 409: ProblemView, ...publicErrors },
    },
  }, async (request, reply) => {
    const outcome = await acceptInvitation(ctx, { token: request.body.token, password: request.body.password, address: request.ip });
    if (outcome.kind === 'rate-limited') return sendRateLimited(reply, outcome.retryAfterSeconds, `too many tries; try again in ${outcome.retryAfterSeconds} s`, request.url);
    if (outcome.kind === 'refused') throw new FirmlyError('auth.required', 'wrong password for this account');
    if (request.auth) await signOut(ctx, request.auth.token);
    setSessionCookie(request, reply, outcome.started.token);
    return sessionView(await describeSession(ctx, outcome.started.session));
  });

  app.get('/api/password-reset', {
    config: { access: 'public' },
    schema: {
      tags: ['session'],
      summary: 'Whether a forgotten password can be reset by mail here (SMTP is configured)',
      ...publicRoute,
      response: { 200: PasswordResetAvailabilityView },
    },
  }, async () => ({ available: mailOf(deps).smtp !== undefined }));

  app.post('/api/password-reset', {
    config: { access: 'public' },
    schema: {
      tags: ['session'],
      summary: 'Mails a link to set a new password, if the email has an account',
      description: `Public. The answer is the same 202 whether or not the email has an account, and the mail leaves after it. The link is {PUBLIC_URL or the origin of this request}/reset-password#{token}: 256 random bits of which only the SHA-256 is stored; it works once, for ${passwordResetLifetimeMs / 60_000} minutes, and a newer link supersedes it. At most ${passwordResetLimits.perAddress} requests per network address and ${passwordResetLimits.perEmail} per email in any ${passwordResetLimits.windowMs / 60_000} minutes (429 after). 501 not_supported without SMTP. Refused from another site's page (Origin/Referer).`,
      ...publicRoute,
      body: PasswordResetRequestBody,
      response: { 202: z.object({ accepted: z.literal(true) }), 400: ProblemView, 403: ProblemView, 429: ProblemView, 501: ProblemView },
    },
  }, async (request, reply) => {
    const outcome = await requestPasswordReset(ctx, { email: request.body.email, locale: request.body.locale, address: request.ip }, mail(request));
    if (outcome.kind === 'rate-limited') return sendRateLimited(reply, outcome.retryAfterSeconds, `too many requests; try again in ${outcome.retryAfterSeconds} s`, request.url);
    // Not awaited: waiting for the mail server would tell a known address from an unknown one.
    outcome.delivery?.catch((error: unknown) => request.log.warn({ err: error }, 'a password reset mail was not sent'));
    return reply.code(202).send({ accepted: true as const });
  });

  app.post('/api/password-reset/complete', {
    config: { access: 'public' },
    schema: {
      tags: ['session'],
      summary: 'Sets a new password with the mailed link, and signs the account out everywhere',
      description: `Public: the token is the credential, used up by this (a password refused by the rules leaves it usable). The password needs at least ${passwordRules.minLength} characters. 404 password_reset.not_found for a link unknown, expired or used alike. ${limited}`,
      ...publicRoute,
      body: PasswordResetBody,
      response: { 204: z.null(), ...publicErrors },
    },
  }, async (request, reply) => {
    const outcome = await completePasswordReset(ctx, { token: request.body.token, password: request.body.password, address: request.ip });
    if (outcome.kind === 'rate-limited') return sendRateLimited(reply, outcome.retryAfterSeconds, `too many links that open nothing; try again in ${outcome.retryAfterSeconds} s`, request.url);
    return reply.code(204).send(null);
  });
}
