import { z } from 'zod';
import { locales } from '../core/ledger/wire.ts';
import { roles } from '../core/roles.ts';

// The HTTP contract of workspaces and people (#12 items 5 and 8): what the routes validate
// and answer, and — as types only — what the web app's forms send and read.

const Role = z.enum(roles);
const Email = z.string().min(3).max(254);
/** Longer than the rules allow, so the rules (not the schema) answer with their own words. */
const Password = z.string().max(4096);
const Token = z.string().min(1).max(200).describe('the part of the mailed link after #');

export const NewWorkspaceBody = z.object({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').describe('letters, digits, _ and -; in every URL of the workspace'),
  name: z.string(),
  currency: z.string().describe('ISO 4217'),
  locale: z.enum(locales),
  timezone: z.string().describe('IANA, e.g. Europe/Copenhagen'),
  jurisdiction: z.string().describe('the late-payment law: DK, GB, DE, EU or NONE'),
  targetHourlyRate: z.object({ amount: z.string(), currency: z.string() }),
}).describe('the id, and the data of the workspace.configured event (LEDGER.md) recorded in the new workspace');
export type NewWorkspace = z.input<typeof NewWorkspaceBody>;

export const MemberView = z.object({
  userId: z.string(),
  email: z.string(),
  role: Role,
  since: z.string().describe('when they got a role in the workspace'),
}).meta({ id: 'Member' });
export type Member = z.infer<typeof MemberView>;

export const PendingInvitationView = z.object({
  id: z.string(), email: z.string(), role: Role, createdAt: z.string(), expiresAt: z.string(),
}).meta({ id: 'PendingInvitation' });

export const MembersView = z.object({
  members: z.array(MemberView),
  invitations: z.array(PendingInvitationView).describe('mailed, not accepted yet and not expired'),
}).meta({ id: 'Members' });
export type Members = z.infer<typeof MembersView>;

export const AddMemberBody = z.object({
  email: Email,
  role: Role,
  password: Password.optional().describe('for someone without an account: at least 12 characters, handed over by you; leave out for someone who has one'),
});
export type AddMember = z.input<typeof AddMemberBody>;

export const ChangeRoleBody = z.object({ role: Role });

export const InviteBody = z.object({ email: Email, role: Role });
export type Invite = z.input<typeof InviteBody>;

export const InvitationTokenBody = z.object({ token: Token });

export const InvitationInfoView = z.object({
  email: z.string(),
  role: Role,
  workspaceId: z.string(),
  workspaceName: z.string(),
  hasAccount: z.boolean().describe('true: accept with the account\'s password; false: choose one'),
  expiresAt: z.string(),
}).meta({ id: 'InvitationInfo' });
export type InvitationInfo = z.infer<typeof InvitationInfoView>;

export const AcceptInvitationBody = z.object({ token: Token, password: Password.min(1) });
export type AcceptInvitation = z.input<typeof AcceptInvitationBody>;

export const PasswordResetAvailabilityView = z.object({ available: z.boolean().describe('false: SMTP is not configured') });

export const PasswordResetRequestBody = z.object({
  email: Email,
  locale: z.enum(locales).default('en').describe('the language of the mail'),
});
export type PasswordResetRequest = z.input<typeof PasswordResetRequestBody>;

export const PasswordResetBody = z.object({ token: Token, password: Password });
export type PasswordReset = z.input<typeof PasswordResetBody>;
