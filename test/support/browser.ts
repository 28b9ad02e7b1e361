import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

// The browser suites drive Debian's Chromium (apt-get install chromium; .ci/run does it) with
// playwright-core: nothing is downloaded. FIRMLY_CHROMIUM points at another binary.

export const chromiumPath = process.env.FIRMLY_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a sandbox without a network (STACK.md §6): no background calls home, no GPU. */
export const chromiumFlags = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: install Debian's (apt-get install chromium) or set FIRMLY_CHROMIUM`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });
}

let axeSource: string | undefined;

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core's WCAG 2.x A/AA rules on the page as it is now; only serious and critical ones. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol, not as a <script>: the app's Content-Security-Policy
  // (script-src 'self') stays in force during the test, as it is for users.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page: its globals, typed here by hand (the test project has no DOM types).
    const page = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> }; document: unknown };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

/** Fails the test with axe's findings listed, so the log says what to fix. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await seriousAccessibilityViolations(page), `accessibility of ${where}`).toEqual([]);
}

/** Signs in on the sign-in screen at `url` as a person would, by the fields' labels, and waits for the dashboard. */
export async function signInThroughPage(page: Page, url: string, who: { readonly email: string; readonly password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
}
