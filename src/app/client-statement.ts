import type { IsoDate } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import type { Jurisdiction, Locale } from '../core/ledger/wire.ts';
import type { DayCount } from '../core/law/day-count.ts';
import { buildStatement, type Statement } from '../core/accounts/statement.ts';
import { contractInForce } from '../core/assess/assess-client.ts';
import { localDate } from '../core/assess/replay.ts';
import type { AppContext } from './context.ts';
import { startAssessment } from './assess-workspace.ts';

export interface ClientStatement {
  readonly clientId: string;
  readonly name: string;
  readonly locale: Locale;
  readonly statement: Statement;
}

/**
 * The statement of account of one client as the ledger stood at the end of `date` (in the
 * workspace's time zone): late charges by the contract's `lateInterest` under the client's
 * jurisdiction (else the workspace's). A half-year without a known rate stops it with an
 * error asking for the rate, as the law module does: a wrong figure is worse than none.
 */
export async function clientStatement(ctx: AppContext, workspaceId: string, clientId: string, date: IsoDate, options: { dayCount?: DayCount } = {}): Promise<ClientStatement> {
  const run = await startAssessment(ctx, workspaceId, date);
  for await (const { history } of run.eachHistory({ clientIds: [clientId] })) {
    const { state } = history;
    const client = state.get('client', history.clientId);
    if (!client) break;
    const jurisdiction: Jurisdiction = client.jurisdiction ?? run.workspace?.jurisdiction ?? 'NONE';
    const statement = buildStatement({
      at: date,
      invoices: state.all('invoice'),
      credits: state.all('credit'),
      payments: state.all('payment'),
      allocations: state.all('allocation'),
      contract: contractInForce(state.all('contract'), state.all('contractAmendment'), date),
      jurisdiction,
      creditDate: (credit) => localDate(credit.at, run.timeZone),
      locale: client.locale,
      ...(options.dayCount ? { dayCount: options.dayCount } : {}),
    });
    return { clientId: client.clientId, name: client.name, locale: client.locale, statement };
  }
  throw new FirmlyError('client.not_found', `no client "${clientId}" on record by ${date}`, { clientId });
}
