import type { Browser } from 'playwright-core';
import type { Clock } from '../../src/app/clock.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import { testNow } from './app.ts';
import { launchChromium } from './browser.ts';
import { testDatabases, type TestStore } from './databases.ts';
import { startSmtpListener, type SmtpListener } from './smtp-listener.ts';

// What every browser suite stands on: a real SQLite file, the application on a clock, the real
// server on a free loopback port (with a real SMTP listener when mail is wanted) and Debian's
// Chromium. One place to open them, and to close them in the reverse order.

export interface BrowserApp {
  readonly store: TestStore;
  readonly ctx: AppContext;
  readonly server: RunningServer;
  readonly browser: Browser;
  /** The SMTP listener letters go to, when `mailFrom` was given. */
  readonly smtp: SmtpListener | undefined;
  close(): Promise<void>;
}

export async function openBrowserApp(options: {
  /** The workspace of the configuration (FIRMLY_WORKSPACE). */
  readonly workspaceId: string;
  /** Default: the suites' fixed `testNow`. */
  readonly clock?: Clock;
  /** Sends mail over SMTP to a listener, from this sender. */
  readonly mailFrom?: { readonly name: string; readonly address: string };
  /** What the database holds before the server starts. */
  readonly prepare?: (ctx: AppContext, store: TestStore) => Promise<void>;
}): Promise<BrowserApp> {
  const store = await testDatabases().find((d) => d.name === 'sqlite')!.open();
  const ctx = appContext(store, options.clock ?? fixedClock(testNow));
  await options.prepare?.(ctx, store);
  const smtp = options.mailFrom ? await startSmtpListener() : undefined;
  const mail = smtp && options.mailFrom ? { smtp: { url: smtp.url, from: options.mailFrom } } : undefined;
  const server = await startServer({ ctx, workspaceId: options.workspaceId, ...(mail ? { mail } : {}) }, { host: '127.0.0.1', port: 0 }, { logLevel: 'warn' });
  const browser = await launchChromium();
  return {
    store, ctx, server, browser, smtp,
    close: async () => {
      await browser.close();
      await server.close();
      await smtp?.close();
      await store.close();
    },
  };
}
