/** The closed set of error codes; the server maps each to an HTTP status, the CLI to an exit code. */
export const errorCodes = [
  'input.invalid',
  'money.invalid',
  'money.out_of_range',
  'money.currency_mismatch',
  'date.invalid',
  'workspace.not_found',
  'workspace.not_demo',
  'client.not_found',
  'event.not_found',
  'import.rejected',
  'ledger.conflict',
  'ledger.busy',
  'database.unavailable',
  'server.address_in_use',
  'ledger.corrupt',
  'action.already_done',
  'not_supported',
  'law.rate_unknown',
  'route.not_found',
  'auth.required',
  'auth.forbidden',
  'outbox.not_found',
  'template.not_found',
  'request.not_found',
  'portal.link_not_found',
  'member.not_found',
  'member.last_owner',
  'invitation.not_found',
  'password_reset.not_found',
  'mail.not_sent',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class FirmlyError extends Error {
  override readonly name = 'FirmlyError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const isFirmlyError = (e: unknown): e is FirmlyError => e instanceof FirmlyError;
