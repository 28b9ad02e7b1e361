/**
 * Deterministic generator for the demo workspace `demo/workspace.jsonl`.
 *
 *   npx tsx scripts/generate-demo.ts
 *
 * The demo is the ledger (LEDGER.md interchange format) of "Nordlys Social ApS", a
 * Danish social-media agency, with ten clients written to show every archetype
 * Firmly detects. History runs from November 2025 to 2026-11-20 (END_DAY).
 *
 * Only Node built-ins are used. All randomness comes from a seeded mulberry32 PRNG
 * (one stream per client, so changing one client does not reshuffle the others);
 * there is no Math.random and no wall-clock time, so every run writes the same bytes.
 * After writing, the file is re-read and self-checked; any violation throws.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// `npx tsx scripts/generate-demo.ts [FILE]`: FILE defaults to the committed demo/workspace.jsonl.
const OUT = resolve(process.argv[2] ?? resolve(ROOT, 'demo', 'workspace.jsonl'));
const SEED = 20261120;
const END_DAY = '2026-11-20';
/** Nothing in the demo happens after this instant (17:00 in Copenhagen). */
const END_AT = `${END_DAY}T16:00:00Z`;
const MIN_LINES = 2500;
const MAX_LINES = 6000;

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }
  /** k distinct elements of xs, in their original order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const idx = xs.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const a = idx[i] as number;
      idx[i] = idx[j] as number;
      idx[j] = a;
    }
    return idx
      .slice(0, Math.min(k, xs.length))
      .sort((a, b) => a - b)
      .map((i) => xs[i] as T);
  }
}

function hashStr(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// ---------------------------------------------------------------------------
// Calendar helpers (all dates are plain YYYY-MM-DD, computed in UTC)
// ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function dayToMs(d: string): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}
function msToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
function addDays(d: string, n: number): string {
  return msToDay(dayToMs(d) + n * DAY_MS);
}
function isBusinessDay(d: string): boolean {
  const w = new Date(dayToMs(d)).getUTCDay();
  return w !== 0 && w !== 6;
}
/** d plus n business days (weekends skipped; n = 0 returns d). */
function addBD(d: string, n: number): string {
  let x = d;
  let k = n;
  while (k > 0) {
    x = addDays(x, 1);
    if (isBusinessDay(x)) k--;
  }
  return x;
}
function onOrAfterBD(d: string): string {
  let x = d;
  while (!isBusinessDay(x)) x = addDays(x, 1);
  return x;
}
function onOrBeforeBD(d: string): string {
  let x = d;
  while (!isBusinessDay(x)) x = addDays(x, -1);
  return x;
}
function daysBetween(a: string, b: string): number {
  return Math.round((dayToMs(b) - dayToMs(a)) / DAY_MS);
}
function lastDayOfMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return msToDay(Date.UTC(y, m, 0));
}
function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}
function prevMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}
function monthsRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}
function businessDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isBusinessDay(d)) out.push(d);
  return out;
}
function monthIndex(start: string, day: string): number {
  return (Number(day.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(day.slice(5, 7)) - Number(start.slice(5, 7));
}
const maxStr = (a: string, b: string): string => (a > b ? a : b);
const minStr = (a: string, b: string): string => (a < b ? a : b);

/** RFC 3339 instant with seconds, UTC. */
function at(day: string, h: number, m = 0): string {
  return `${day}T${pad(h)}:${pad(m)}:00Z`;
}
function atPlus(ts: string, minutes: number): string {
  return new Date(Date.parse(ts) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}
const dayOf = (ts: string): string => ts.slice(0, 10);

// ---------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------

type Cur = 'DKK' | 'EUR' | 'GBP';
function fmtCents(c: number): string {
  if (!Number.isInteger(c) || c < 0) throw new Error(`bad cents ${c}`);
  return `${Math.floor(c / 100)}.${pad(c % 100)}`;
}
function money(cents: number, currency: Cur): { amount: string; currency: Cur } {
  return { amount: fmtCents(cents), currency };
}
function parseCents(amount: string): number {
  const [w, f] = amount.split('.');
  return Number(w) * 100 + Number(f);
}

// ---------------------------------------------------------------------------
// Event sink
// ---------------------------------------------------------------------------

interface Draft {
  at: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
}
const drafts: Draft[] = [];
let seqCounter = 0;
/** Records an event; anything after END_AT is dropped (returns false). */
function emit(type: string, ts: string, data: Record<string, unknown>): boolean {
  if (ts > END_AT) return false;
  drafts.push({ at: ts, seq: seqCounter++, type, data });
  return true;
}
let messageCounter = 100;
const outboundId = (): string => `<demo-${++messageCounter}@nordlys.example>`;
const inboundId = (domain: string): string => `<demo-${++messageCounter}@${domain}>`;

// ---------------------------------------------------------------------------
// Language material
// ---------------------------------------------------------------------------

type Locale = 'da' | 'en';
type Network = 'instagram' | 'facebook' | 'linkedin' | 'tiktok' | 'pinterest' | 'youtube';

const MONTHS: Record<Locale, string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const monthName = (month: string, l: Locale): string => MONTHS[l][Number(month.slice(5, 7)) - 1] ?? month;

const SEASONAL: Record<Locale, string[][]> = {
  da: [
    ['Nytårsforsætter', 'Januarudsalg'],
    ['Fastelavn', 'Vinterferie'],
    ['Forårsnyheder', 'Påskeforberedelser'],
    ['Påske', 'Forårets første solstråler'],
    ['Mors dag', 'Forårskampagne'],
    ['Sankthans', 'Sommerens nyheder'],
    ['Sommerferie', 'Sommerhilsen'],
    ['Tilbage til hverdagen', 'Sensommer'],
    ['Efterårskollektion', 'Høstnyheder'],
    ['Efterårsferie', 'Halloween'],
    ['Black Friday', 'Julekalender'],
    ['Julefrokost', 'Juleåbningstider'],
  ],
  en: [
    ['New Year resolutions', 'January sale'],
    ["Valentine's Day", 'Half-term week'],
    ['Spring news', 'Easter preparations'],
    ['Easter weekend', 'First days of spring'],
    ['Bank holiday weekend', 'Spring campaign'],
    ['Midsummer', 'Summer news'],
    ['Summer holidays', 'Summer greetings'],
    ['Back to routine', 'Late summer'],
    ['Autumn collection', 'Harvest news'],
    ['Autumn half-term', 'Halloween'],
    ['Black Friday', 'Advent calendar'],
    ['Christmas party season', 'Christmas opening hours'],
  ],
};

const FORMATS: Record<Locale, Record<Network, string[]>> = {
  da: {
    instagram: ['Instagram-opslag', 'Instagram-reel', 'Instagram-story'],
    facebook: ['Facebook-opslag', 'Facebook-begivenhed'],
    linkedin: ['LinkedIn-opslag', 'LinkedIn-artikel'],
    tiktok: ['TikTok-video'],
    pinterest: ['Pinterest-pin'],
    youtube: ['YouTube Short'],
  },
  en: {
    instagram: ['Instagram post', 'Instagram reel', 'Instagram story'],
    facebook: ['Facebook post', 'Facebook event'],
    linkedin: ['LinkedIn post', 'LinkedIn article'],
    tiktok: ['TikTok video'],
    pinterest: ['Pinterest pin'],
    youtube: ['YouTube Short'],
  },
};
const NETWORK_LABEL: Record<Network, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  pinterest: 'Pinterest',
  youtube: 'YouTube',
};
function accountFor(network: Network, handle: string): string {
  switch (network) {
    case 'instagram':
    case 'tiktok':
      return `@${handle}`;
    case 'facebook':
      return `facebook.com/${handle}`;
    case 'linkedin':
      return `linkedin.com/company/${handle}`;
    case 'pinterest':
      return `pinterest.com/${handle}`;
    case 'youtube':
      return `youtube.com/@${handle}`;
  }
}
function joinList(xs: string[], l: Locale): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} ${l === 'da' ? 'og' : 'and'} ${xs[xs.length - 1]}`;
}

// ---------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------

type Kind = 'good' | 'unresponsive' | 'controlling' | 'late' | 'paused_paid' | 'one_off' | 'deemed' | 'offboarded';
type TimeKind = 'work' | 'chasing' | 'approvals' | 'admin';
type ReqKind = 'feedback' | 'approval' | 'access' | 'information';

interface Spec {
  id: string;
  kind: Kind;
  name: string;
  locale: Locale;
  jurisdiction: 'DK' | 'DE' | 'GB' | 'EU';
  currency: Cur;
  domain: string;
  contacts: { name: string; email: string }[];
  handle: string;
  /** contract start */
  start: string;
  networks: Network[];
  feeCents: number;
  terms: { dueDayOfMonth: number } | { netDays: number };
  feedbackDays: number;
  approval: { mode: 'none' | 'batch' | 'per-item'; windowDays?: number; deemedApproval?: boolean };
  stopWorkAfterDays: number;
  lateInterest: 'statutory' | 'none';
  perMonth: [number, number];
  workMinutes: [number, number];
  /** share of posts sent to the client for feedback (mode none) */
  pFeedback: number;
  topics: string[];
  /** batch mode: days of month on which a batch is planned */
  batchDays?: [number, number];
  /** last day of content work (offboarded client) */
  lastWorkDay?: string;
  /** after this instant nothing is asked of the client any more */
  cutoff?: string;
  /** no new content between noContentFrom and to; publications inside from..to wait for the resume */
  pause?: { noContentFrom: string; from: string; to: string };
}

const SPECS: Spec[] = [
  // 1. Good client: answers within feedbackDays, pays on or before the due date, few revisions.
  //    Pays one invoice in two parts (both before the due date).
  {
    id: 'bageriet',
    kind: 'good',
    name: 'Bageriet Sønderborg ApS',
    locale: 'da',
    jurisdiction: 'DK',
    currency: 'DKK',
    domain: 'bageriet-soenderborg.example',
    contacts: [
      { name: 'Mette Sørensen', email: 'mette@bageriet-soenderborg.example' },
      { name: 'Bageriet Sønderborg', email: 'kontakt@bageriet-soenderborg.example' },
    ],
    handle: 'bagerietsonderborg',
    start: '2025-12-01',
    networks: ['instagram', 'facebook'],
    feeCents: 1050000,
    terms: { dueDayOfMonth: 1 },
    feedbackDays: 3,
    approval: { mode: 'none' },
    stopWorkAfterDays: 14,
    lateInterest: 'statutory',
    perMonth: [9, 12],
    workMinutes: [35, 80],
    pFeedback: 0.2,
    topics: [
      'Dagens surdejsbrød',
      'Morgenbrød i weekenden',
      'Kagebord til konfirmationen',
      'Nyt rugbrød med kerner',
      'Bag kulisserne i bageriet',
      'Mød bageren Jonas',
      'Kanelsnegle-onsdag',
      'Bestil kransekage i god tid',
      'Lokale råvarer fra Als',
      'Frokostsandwich til firmaet',
    ],
  },
  // 2. Good client: batch approval answered in time; one invoice partly credited.
  {
    id: 'hyggehjem',
    kind: 'good',
    name: 'Hygge & Hjem A/S',
    locale: 'da',
    jurisdiction: 'DK',
    currency: 'DKK',
    domain: 'hyggeoghjem.example',
    contacts: [
      { name: 'Sofie Lindberg', email: 'sofie@hyggeoghjem.example' },
      { name: 'Kasper Holm', email: 'kasper@hyggeoghjem.example' },
    ],
    handle: 'hyggeoghjem',
    start: '2026-01-01',
    networks: ['instagram', 'facebook', 'pinterest', 'tiktok'],
    feeCents: 1450000,
    terms: { netDays: 14 },
    feedbackDays: 3,
    approval: { mode: 'batch', windowDays: 5, deemedApproval: false },
    stopWorkAfterDays: 14,
    lateInterest: 'statutory',
    perMonth: [12, 16],
    workMinutes: [35, 75],
    pFeedback: 0,
    batchDays: [1, 15],
    topics: [
      'Nye puder i uld',
      'Sådan indretter du en lys stue',
      'Keramik fra Bornholm',
      'Udsalg på lamper',
      'Bag om designet',
      'Kundernes hjem',
      'Plantepleje for begyndere',
      'Duftlys til mørke aftener',
      'Ugens farve',
      'Tæpper i genbrugsuld',
    ],
  },
  // 3. Good client, German (DE, EUR, English-speaking); one payment arrives without invoice reference.
  {
    id: 'brauhaus',
    kind: 'good',
    name: 'Brauhaus Kieler Förde GmbH',
    locale: 'en',
    jurisdiction: 'DE',
    currency: 'EUR',
    domain: 'brauhaus-kiel.example',
    contacts: [
      { name: 'Jonas Petersen', email: 'jonas.petersen@brauhaus-kiel.example' },
      { name: 'Anke Hansen', email: 'anke.hansen@brauhaus-kiel.example' },
    ],
    handle: 'brauhauskiel',
    start: '2026-03-01',
    networks: ['instagram', 'facebook', 'linkedin'],
    feeCents: 210000,
    terms: { netDays: 14 },
    feedbackDays: 4,
    approval: { mode: 'batch', windowDays: 5, deemedApproval: false },
    stopWorkAfterDays: 21,
    lateInterest: 'statutory',
    perMonth: [10, 13],
    workMinutes: [30, 70],
    pFeedback: 0,
    batchDays: [1, 15],
    topics: [
      'New seasonal lager',
      'Brewery tour dates',
      'Meet the brewmaster',
      'Beer and food pairing',
      'We are hiring: taproom staff',
      'Taproom opening hours',
      'Behind the scenes: hop harvest',
      'Kiel Week specials',
      'Sustainability at the brewery',
    ],
  },
  // 4. Unresponsive: answers most requests 4–15 business days after the due date (getting worse),
  //    several requests still open and overdue at the end; chasing time grows; reminders sent.
  {
    id: 'vestergaard',
    kind: 'unresponsive',
    name: 'Vestergaard Tømrer & Snedker ApS',
    locale: 'da',
    jurisdiction: 'DK',
    currency: 'DKK',
    domain: 'vestergaard-toemrer.example',
    contacts: [
      { name: 'Henrik Vestergaard', email: 'henrik@vestergaard-toemrer.example' },
      { name: 'Birgit Vestergaard', email: 'bogholderi@vestergaard-toemrer.example' },
    ],
    handle: 'vestergaardtoemrer',
    start: '2026-01-01',
    networks: ['facebook', 'instagram', 'linkedin'],
    feeCents: 800000,
    terms: { dueDayOfMonth: 1 },
    feedbackDays: 3,
    approval: { mode: 'none' },
    stopWorkAfterDays: 14,
    lateInterest: 'statutory',
    perMonth: [8, 11],
    workMinutes: [35, 80],
    pFeedback: 0.55,
    topics: [
      'Før og efter: nyt køkken',
      'Tagrenovering i Vejle',
      'Lærlinge søges',
      'Sådan vælger du trægulv',
      'Træterrasse til sommeren',
      'Mød holdet',
      'Udskiftning af vinduer',
      'Bæredygtigt træ',
      'Kundeanmeldelse',
    ],
  },
  // 5. Controlling: per-item approval, 3–6 nitpicking rounds (3–30 changed characters) on most posts,
  //    heavy approval time, only partial access to some accounts, TikTok never handed over.
  {
    id: 'lykke',
    kind: 'controlling',
    name: 'Klinik Lykke ApS',
    locale: 'da',
    jurisdiction: 'DK',
    currency: 'DKK',
    domain: 'kliniklykke.example',
    contacts: [
      { name: 'Camilla Lykke', email: 'camilla@kliniklykke.example' },
      { name: 'Pia Jessen', email: 'pia@kliniklykke.example' },
    ],
    handle: 'kliniklykke',
    start: '2026-03-01',
    networks: ['instagram', 'facebook', 'linkedin', 'tiktok'],
    feeCents: 1150000,
    terms: { netDays: 14 },
    feedbackDays: 2,
    approval: { mode: 'per-item' },
    stopWorkAfterDays: 14,
    lateInterest: 'statutory',
    perMonth: [8, 9],
    workMinutes: [40, 80],
    pFeedback: 0,
    topics: [
      'Hudpleje om vinteren',
      'Mød klinikkens sygeplejerske',
      'Spørgsmål og svar om behandlinger',
      'Solcreme hver dag',
      'Åbent hus i klinikken',
      'Gavekort',
      'Kundeudtalelse',
      'Nye behandlingstider',
      'Sådan forbereder du dig til din behandling',
    ],
  },
  // 6. Late payer ("keep working, I'll pay you eventually"), GB / GBP / statutory interest:
  //    two invoices on time, then 5, 9, 14, 20, 26, 33 days late, the last two unpaid and
  //    more than stopWorkAfterDays overdue at the end. Work was never paused.
  {
    id: 'harbourfinch',
    kind: 'late',
    name: 'Harbour & Finch Ltd',
    locale: 'en',
    jurisdiction: 'GB',
    currency: 'GBP',
    domain: 'harbourandfinch.example',
    contacts: [
      { name: 'Oliver Finch', email: 'oliver@harbourandfinch.example' },
      { name: 'Grace Whitaker', email: 'accounts@harbourandfinch.example' },
    ],
    handle: 'harbourandfinch',
    start: '2026-02-01',
    networks: ['instagram', 'facebook', 'linkedin'],
    feeCents: 145000,
    terms: { dueDayOfMonth: 1 },
    feedbackDays: 3,
    approval: { mode: 'none' },
    stopWorkAfterDays: 14,
    lateInterest: 'statutory',
    perMonth: [9, 12],
    workMinutes: [35, 80],
    pFeedback: 0.2,
    topics: [
      'New season menu',
      'Meet our head chef',
      'Sunday roast bookings',
      'Private dining room',
      'Wine of the month',
      'Behind the bar',
      'Our local suppliers',
      'Live music Fridays',
      'Gift vouchers',
    ],
  },
  // 7. Late payer whose work was paused (stop-work clause after 10 days), then paid everything
  //    in one transfer and work resumed.
  {
    id: 'moeller',
    kind: 'paused_paid',
    name: 'Møllers Cykler ApS',
    locale: 'da',
    jurisdiction: 'DK',
    currency: 'DKK',
    domain: 'moellers-cykler.example',
    contacts: [{ name: 'Thomas Møller', email: 'thomas@moellers-cykler.example' }],
    handle: 'moellerscykler',
    start: '2026-01-01',
    networks: ['instagram', 'facebook'],
    feeCents: 750000,
    terms: { dueDayOfMonth: 1 },
    feedbackDays: 3,
    approval: { mode: 'none' },
    stopWorkAfterDays: 10,
    lateInterest: 'statutory',
    perMonth: [8, 11],
    workMinutes: [35, 75],
    pFeedback: 0.2,
    topics: [
      'Forårstjek af cyklen',
      'Nye elcykler på lager',
      'Ladcykler til familien',
      'Værkstedets åbningstider',
      'Tilbud på cykelhjelme',
      'Sådan skifter du en slange',
      'Vintercykling',
      'Racercykler til sæsonen',
      'Månedens kundecykel',
    ],
    pause: { noContentFrom: '2026-09-08', from: '2026-09-14', to: '2026-10-07' },
  },
  // 8. One-off: a single late payment long ago (March), otherwise a good client. GB / GBP.
  {
    id: 'thistle',
    kind: 'one_off',
    name: 'Thistle & Pine Distillery Ltd',
    locale: 'en',
    jurisdiction: 'GB',
    currency: 'GBP',
    domain: 'thistleandpine.example',
    contacts: [{ name: 'Fiona MacLeod', email: 'fiona@thistleandpine.example' }],
    handle: 'thistleandpine',
    start: '2026-02-01',
    networks: ['instagram', 'facebook', 'youtube'],
    feeCents: 125000,
    terms: { netDays: 14 },
    feedbackDays: 3,
    approval: { mode: 'none' },
    stopWorkAfterDays: 14,
    lateInterest: 'statutory',
    perMonth: [9, 12],
    workMinutes: [30, 70],
    pFeedback: 0.2,
    topics: [
      'Distillery tours',
      'New gin botanicals',
      'Cocktail of the month',
      'Meet the distiller',
      'Gift sets',
      'Award news',
      'From field to bottle',
      'Tasting evenings',
    ],
  },
  // 9. Batch approval with a 3-day window and deemed approval; the last batch (sent 2026-11-12)
  //    is unanswered and past its window at the end. Otherwise good. EU / EUR.
  {
    id: 'lumen',
    kind: 'deemed',
    name: 'Lumen Studio B.V.',
    locale: 'en',
    jurisdiction: 'EU',
    currency: 'EUR',
    domain: 'lumenstudio.example',
    contacts: [
      { name: 'Sanne de Vries', email: 'sanne@lumenstudio.example' },
      { name: 'Ruben Bakker', email: 'ruben@lumenstudio.example' },
    ],
    handle: 'lumenstudio',
    start: '2026-04-01',
    networks: ['instagram', 'linkedin', 'tiktok'],
    feeCents: 185000,
    terms: { netDays: 14 },
    feedbackDays: 3,
    approval: { mode: 'batch', windowDays: 3, deemedApproval: true },
    stopWorkAfterDays: 14,
    lateInterest: 'statutory',
    perMonth: [10, 13],
    workMinutes: [30, 70],
    pFeedback: 0,
    batchDays: [1, 12],
    topics: [
      'Studio portfolio',
      'Lighting tips',
      'Case study',
      'Team spotlight',
      'Behind the shoot',
      'Client testimonial',
      'Our new studio space',
      'Workshop dates',
    ],
  },
  // 10. Offboarded earlier in the year: slow with feedback and material, contract ended 2026-06-30,
  //     every account handed over (all invoices paid), client offboarded in July.
  {
    id: 'puls',
    kind: 'offboarded',
    name: 'Puls Fitness Aalborg ApS',
    locale: 'da',
    jurisdiction: 'DK',
    currency: 'DKK',
    domain: 'pulsfitness.example',
    contacts: [{ name: 'Rasmus Kjær', email: 'rasmus@pulsfitness.example' }],
    handle: 'pulsfitnessaalborg',
    start: '2025-12-01',
    networks: ['instagram', 'facebook', 'tiktok'],
    feeCents: 900000,
    terms: { dueDayOfMonth: 1 },
    feedbackDays: 3,
    approval: { mode: 'none' },
    stopWorkAfterDays: 14,
    lateInterest: 'statutory',
    perMonth: [9, 12],
    workMinutes: [35, 80],
    pFeedback: 0.4,
    topics: [
      'Nytårsforsæt der holder',
      'Nye hold i salen',
      'Mød instruktøren',
      'Medlemstilbud',
      'Spinning med live-DJ',
      'Styrketræning for begyndere',
      'Kostråd fra vores diætist',
      'Træning i sommerferien',
    ],
    lastWorkDay: '2026-06-26',
    cutoff: '2026-06-30T14:00:00Z',
  },
];

// ---------------------------------------------------------------------------
// Invoices (scheduled up front so every message can quote the invoice number)
// ---------------------------------------------------------------------------

interface Invoice {
  id: string;
  clientId: string;
  month: string;
  issueDay: string;
  dueDay: string;
  totalCents: number;
  creditCents: number;
  number: string;
}

function lastMonthOf(s: Spec): string {
  return (s.lastWorkDay ?? END_DAY).slice(0, 7);
}

function scheduleInvoices(s: Spec): Invoice[] {
  const out: Invoice[] = [];
  for (const month of monthsRange(s.start.slice(0, 7), lastMonthOf(s))) {
    let issueDay: string;
    let dueDay: string;
    if ('dueDayOfMonth' in s.terms) {
      dueDay = `${month}-${pad(s.terms.dueDayOfMonth)}`;
      issueDay = onOrBeforeBD(`${prevMonth(month)}-25`);
    } else {
      issueDay = onOrAfterBD(`${month}-01`);
      dueDay = addDays(issueDay, s.terms.netDays);
    }
    if (issueDay > END_DAY) continue;
    out.push({ id: `${s.id}-inv-${month}`, clientId: s.id, month, issueDay, dueDay, totalCents: s.feeCents, creditCents: 0, number: '' });
  }
  if (s.id === 'hyggehjem') {
    const inv = out[3];
    if (inv) inv.creditCents = 150000;
  }
  return out;
}

function numberInvoices(all: Invoice[]): void {
  const sorted = [...all].sort((a, b) => (a.issueDay === b.issueDay ? 0 : a.issueDay < b.issueDay ? -1 : 1));
  // The agency already issued 40 invoices in 2025 before the demo starts.
  const counters = new Map<string, number>([['2025', 40]]);
  for (const inv of sorted) {
    const y = inv.issueDay.slice(0, 4);
    const n = (counters.get(y) ?? 0) + 1;
    counters.set(y, n);
    inv.number = `${y}-${pad(n, 4)}`;
  }
}

// ---------------------------------------------------------------------------
// Per-client generator
// ---------------------------------------------------------------------------

interface Pay {
  day: string;
  cents: number;
  invoiceIds?: string[];
}
interface AskOpts {
  deliverableId?: string;
  verdict?: 'approved' | 'changes';
  never?: boolean;
  noChase?: boolean;
  withdraw?: { afterDueBD: number; reason: string };
}
interface Del {
  id: string;
  title: string;
  createdAt: string;
}

class ClientGen {
  private readonly rng: Rng;
  private reqN = 0;
  private delN = 0;
  private payN = 0;
  private readonly time = new Map<string, number>();
  private paidOn = new Map<string, string>();

  constructor(
    private readonly s: Spec,
    private readonly invoices: Invoice[],
  ) {
    this.rng = new Rng(SEED ^ hashStr(s.id));
  }

  private L<T>(da: T, en: T): T {
    return this.s.locale === 'da' ? da : en;
  }
  /** A random instant on `day` between hLo:00 and hHi:59 UTC. */
  private rt(day: string, hLo = 7, hHi = 14): string {
    return at(day, this.rng.int(hLo, hHi), this.rng.int(0, 59));
  }
  /** Moves an instant past the working day (or on a weekend) to the next business morning. */
  private bump(ts: string): string {
    const day = dayOf(ts);
    const hour = Number(ts.slice(11, 13));
    if (isBusinessDay(day) && hour < 16) return ts;
    return at(addBD(day, 1), 8, this.rng.int(0, 40));
  }
  /** Time is kept as a weekly timesheet: one entry per kind, dated the Friday of the week. */
  private addTime(day: string, kind: TimeKind, minutes: number): void {
    const weekday = new Date(dayToMs(day)).getUTCDay();
    const friday = addDays(day, weekday === 6 ? -1 : weekday === 0 ? -2 : 5 - weekday);
    const key = `${minStr(friday, END_DAY)}|${kind}`;
    this.time.set(key, (this.time.get(key) ?? 0) + minutes);
  }
  private inPause(day: string): boolean {
    const p = this.s.pause;
    return p !== undefined && day >= p.from && day <= p.to;
  }
  private noContent(day: string): boolean {
    const p = this.s.pause;
    return p !== undefined && day >= p.noContentFrom && day <= p.to;
  }
  private pickChannel(): 'email' | 'portal' | 'phone' | 'meeting' {
    const x = this.rng.next();
    return x < 0.5 ? 'email' : x < 0.8 ? 'portal' : x < 0.92 ? 'phone' : 'meeting';
  }
  private reply(subject: string): string {
    return this.L(`Sv: ${subject}`, `Re: ${subject}`);
  }

  run(): void {
    this.onboarding();
    this.billing();
    for (const month of monthsRange(this.s.start.slice(0, 7), lastMonthOf(this.s))) this.month(month);
    this.messages();
    this.specials();
    this.flushTime();
  }

  // ----- onboarding ------------------------------------------------------

  private onboarding(): void {
    const s = this.s;
    const r = this.rng;
    const addedDay = onOrAfterBD(addDays(s.start, -24));
    const signedDay = onOrAfterBD(addDays(s.start, -14));
    emit('client.added', at(addedDay, 9, r.int(0, 30)), {
      clientId: s.id,
      name: s.name,
      locale: s.locale,
      jurisdiction: s.jurisdiction,
      currency: s.currency,
      contacts: s.contacts,
    });
    this.addTime(addedDay, 'admin', r.int(60, 120));
    emit('contract.signed', at(signedDay, 11, r.int(0, 30)), {
      contractId: `${s.id}-k1`,
      clientId: s.id,
      startDate: s.start,
      networks: s.networks,
      fee: { ...money(s.feeCents, s.currency), cycle: 'monthly' },
      paymentTerms: s.terms,
      feedbackDays: s.feedbackDays,
      approval: s.approval,
      stopWorkAfterDays: s.stopWorkAfterDays,
      lateInterest: s.lateInterest,
    });
    this.addTime(signedDay, 'admin', r.int(30, 60));

    const labels = s.networks.map((n) => NETWORK_LABEL[n]);
    const ans = this.ask(
      'access',
      this.L(`Adgang til jeres konti på ${joinList(labels, 'da')}`, `Access to your ${joinList(labels, 'en')} accounts`),
      at(addBD(signedDay, 1), 9, r.int(0, 59)),
    );
    if (ans === null) throw new Error(`${s.id}: access request never answered`);
    const grants: { network: Network; level: 'full' | 'partial' }[] =
      s.kind === 'controlling'
        ? [
            { network: 'instagram', level: 'partial' },
            { network: 'facebook', level: 'partial' },
            { network: 'linkedin', level: 'full' },
          ]
        : s.networks.map((network) => ({ network, level: 'full' }));
    let t = ans;
    for (const g of grants) {
      t = atPlus(t, r.int(10, 60));
      emit('access.granted', t, { clientId: s.id, network: g.network, account: accountFor(g.network, s.handle), level: g.level });
    }
    this.addTime(dayOf(ans), 'admin', r.int(20, 45));
  }

  // ----- requests --------------------------------------------------------

  /** When the client answers a request sent at sentAt (null: never). */
  private answerTime(sentAt: string, due: string): string | null {
    const s = this.s;
    const r = this.rng;
    const sentDay = dayOf(sentAt);
    const mi = monthIndex(s.start, sentDay);
    const onDay = (d: string): string => (d === sentDay ? atPlus(sentAt, r.int(45, 200)) : this.rt(d, 7, 15));
    switch (s.kind) {
      case 'unresponsive': {
        if (mi >= 2 && r.chance(0.05)) return null;
        if (r.chance(Math.max(0.12, 0.32 - 0.025 * mi))) return onDay(addBD(sentDay, r.int(1, s.feedbackDays)));
        return onDay(addBD(due, r.int(4, Math.min(15, 7 + mi))));
      }
      case 'offboarded':
        if (r.chance(0.5)) return onDay(addBD(sentDay, r.int(0, s.feedbackDays)));
        return onDay(addBD(due, r.int(1, 5)));
      case 'controlling':
        return onDay(addBD(sentDay, r.chance(0.6) ? 0 : 1));
      default:
        return onDay(addBD(sentDay, r.chance(0.35) ? 0 : r.int(1, s.feedbackDays)));
    }
  }

  /** Reminders for an overdue request until it is answered (or `until`); returns the last reminder's messageId. */
  private chase(requestId: string, subject: string, due: string, until: string | null): string | undefined {
    const s = this.s;
    const r = this.rng;
    let last: string | undefined;
    for (const [i, k] of [1, 5, 10].entries()) {
      const day = addBD(due, k);
      const ts = at(day, 8, r.int(0, 45));
      if (ts > END_AT || (until !== null && ts >= until) || (s.cutoff !== undefined && ts >= s.cutoff)) break;
      const messageId = outboundId();
      const subj = [
        this.L(`Venlig påmindelse: ${subject}`, `Friendly reminder: ${subject}`),
        this.L(`Vi mangler stadig dit svar: ${subject}`, `Still waiting for your reply: ${subject}`),
        this.L(`Sidste påmindelse – arbejdet står stille: ${subject}`, `Final reminder – work is on hold: ${subject}`),
      ][i] as string;
      emit('message.sent', ts, { messageId, clientId: s.id, channel: 'email', subject: subj, requestId });
      this.addTime(day, 'chasing', r.int(10, 20));
      // After the second reminder the unresponsive client also gets a phone call (logged as chasing).
      if (s.kind === 'unresponsive' && i === 1) this.addTime(addBD(day, 2), 'chasing', r.int(15, 30));
      last = messageId;
    }
    return last;
  }

  /** Sends a request and plays out the client's answer; returns the answer instant or null. */
  private ask(kind: ReqKind, subject: string, sentAt: string, o: AskOpts = {}): string | null {
    const s = this.s;
    const r = this.rng;
    if (sentAt > END_AT || (s.cutoff !== undefined && sentAt > s.cutoff)) return null;
    const requestId = `${s.id}-r${pad(++this.reqN, 3)}`;
    const due = addBD(dayOf(sentAt), s.feedbackDays);
    emit('request.sent', sentAt, {
      requestId,
      clientId: s.id,
      kind,
      subject,
      dueDate: due,
      ...(o.deliverableId !== undefined ? { deliverableId: o.deliverableId } : {}),
    });
    if (o.withdraw) {
      const wAt = at(addBD(due, o.withdraw.afterDueBD), 10, r.int(0, 59));
      this.chase(requestId, subject, due, wAt);
      emit('request.withdrawn', wAt, { requestId, reason: o.withdraw.reason });
      return null;
    }
    let ans = o.never ? null : this.answerTime(sentAt, due);
    if (s.cutoff !== undefined && (ans === null || ans > s.cutoff)) {
      // The engagement ends before the client gets round to answering.
      this.chase(requestId, subject, due, s.cutoff);
      emit('request.withdrawn', s.cutoff, { requestId, reason: this.L('Samarbejdet er ophørt', 'The engagement has ended') });
      return null;
    }
    const lastReminder = o.noChase ? undefined : this.chase(requestId, subject, due, ans);
    if (ans === null || ans > END_AT) return null;
    let channel: string = this.pickChannel();
    if (lastReminder !== undefined && r.chance(0.65)) {
      emit('message.received', ans, {
        messageId: inboundId(s.domain),
        clientId: s.id,
        channel: 'email',
        subject: this.reply(subject),
        inReplyTo: lastReminder,
        requestId,
      });
      ans = atPlus(ans, 1);
      channel = 'email';
    }
    if (!emit('request.answered', ans, { requestId, channel, ...(kind === 'approval' ? { verdict: o.verdict ?? 'approved' } : {}) })) return null;
    return ans;
  }

  // ----- deliverables ----------------------------------------------------

  private createDeliverable(day: string, month: string, hLo = 7, hHi = 9): Del {
    const s = this.s;
    const r = this.rng;
    const network = r.pick(s.networks);
    const topic = r.chance(0.3) ? r.pick(SEASONAL[s.locale][Number(month.slice(5, 7)) - 1] ?? s.topics) : r.pick(s.topics);
    const title = `${r.pick(FORMATS[s.locale][network])}: ${topic}`;
    const id = `${s.id}-d${pad(++this.delN, 3)}`;
    const createdAt = this.rt(day, hLo, hHi);
    emit('deliverable.created', createdAt, { deliverableId: id, clientId: s.id, network, title });
    this.addTime(day, 'work', r.int(s.workMinutes[0], s.workMinutes[1]));
    return { id, title, createdAt };
  }

  private revise(deliverableId: string, ts: string, round: number, changeChars: number, requestedBy: 'client' | 'us'): boolean {
    return emit('deliverable.revised', ts, { deliverableId, round, changeChars, requestedBy });
  }

  private publish(deliverableId: string, afterTs: string, minBD = 1, maxBD = 3): void {
    const s = this.s;
    let day = addBD(dayOf(afterTs), this.rng.int(minBD, maxBD));
    if (this.inPause(day) && s.pause) day = addBD(s.pause.to, 1);
    if (s.lastWorkDay !== undefined && day > addDays(s.lastWorkDay, 4)) return;
    emit('deliverable.published', this.rt(day, 8, 15), { deliverableId });
  }

  // ----- months ----------------------------------------------------------

  private month(month: string): void {
    const s = this.s;
    const r = this.rng;
    const from = maxStr(`${month}-01`, s.start);
    let to = minStr(lastDayOfMonth(month), END_DAY);
    if (s.lastWorkDay !== undefined) to = minStr(to, s.lastWorkDay);
    const days = businessDays(from, to).filter((d) => !this.noContent(d));
    const firstDay = days[0];
    if (firstDay === undefined) return;
    const mi = monthIndex(s.start, from);
    const n = Math.min(days.length, r.int(s.perMonth[0], s.perMonth[1]));
    const mDa = monthName(month, 'da');
    const mEn = monthName(month, 'en');

    // Monthly content plan (batch clients approve their plan as batches instead).
    if (s.approval.mode !== 'batch') {
      this.ask('feedback', this.L(`Indholdsplan for ${mDa}`, `Content plan for ${mEn}`), this.rt(firstDay, 8, 9));
      this.addTime(firstDay, 'work', r.int(60, 150));
    }
    // Monthly request for information (material for next month).
    const nm = nextMonth(month);
    const infoDay = days[Math.floor(days.length / 2)] ?? firstDay;
    const infoSubject = r.pick(
      this.L(
        [
          `Tilbud og nyheder til ${monthName(nm, 'da')}`,
          `Billeder til opslagene i ${monthName(nm, 'da')}`,
          `Nøgletal til månedsrapporten for ${mDa}`,
          `Datoer for kommende arrangementer i ${monthName(nm, 'da')}`,
        ],
        [
          `Offers and news for ${monthName(nm, 'en')}`,
          `Photos for the ${monthName(nm, 'en')} posts`,
          `Figures for the ${mEn} report`,
          `Dates for upcoming events in ${monthName(nm, 'en')}`,
        ],
      ),
    );
    const withdraw = s.kind === 'unresponsive' && mi === 6 ? { afterDueBD: 8, reason: 'Kampagnen er droppet efter aftale med kunden' } : undefined;
    this.ask('information', infoSubject, this.rt(infoDay, 9, 12), withdraw ? { withdraw } : {});
    this.addTime(infoDay, 'admin', r.int(15, 30));

    if (s.approval.mode === 'batch') this.batchMonth(month, days, n);
    else if (s.approval.mode === 'per-item') this.perItemMonth(month, days, n);
    else this.plainMonth(month, days, n);
  }

  /** Approval mode "none": posts go out, some after a feedback request. */
  private plainMonth(month: string, days: string[], n: number): void {
    const s = this.s;
    const r = this.rng;
    for (const d of r.sample(days, n)) {
      const del = this.createDeliverable(d, month);
      if (r.chance(s.pFeedback)) {
        const ans = this.ask(
          'feedback',
          this.L(`Feedback på ${del.title}`, `Feedback on ${del.title}`),
          this.bump(atPlus(del.createdAt, r.int(60, 180))),
          { deliverableId: del.id },
        );
        if (ans === null) continue; // blocked: waits for the client
        let last = ans;
        if (r.chance(s.kind === 'good' ? 0.2 : 0.35)) {
          const revAt = this.bump(atPlus(ans, r.int(60, 180)));
          if (this.revise(del.id, revAt, 1, r.int(80, 600), 'client')) last = revAt;
          this.addTime(dayOf(revAt), 'work', r.int(15, 40));
        }
        this.publish(del.id, last);
      } else {
        let last = del.createdAt;
        if (r.chance(0.12)) {
          const revAt = this.rt(addBD(dayOf(del.createdAt), 1), 8, 11);
          if (this.revise(del.id, revAt, 1, r.int(40, 300), 'us')) last = revAt;
        }
        this.publish(del.id, last);
      }
    }
  }

  /** Approval mode "batch": two content batches a month, each approved as a whole. */
  private batchMonth(month: string, days: string[], n: number): void {
    const s = this.s;
    const r = this.rng;
    const [b1, b2] = s.batchDays ?? [1, 15];
    const starts = [days.find((d) => d >= `${month}-${pad(b1)}`), days.find((d) => d >= `${month}-${pad(b2)}`)];
    const batchDays = [...new Set(starts.filter((d): d is string => d !== undefined))];
    const last = lastDayOfMonth(month).slice(8, 10);
    batchDays.forEach((day, bi) => {
      const k = bi === 0 && batchDays.length > 1 ? Math.floor(n / 2) : n - (batchDays.length > 1 ? Math.floor(n / 2) : 0);
      const dels: Del[] = [];
      for (let i = 0; i < k; i++) dels.push(this.createDeliverable(day, month, 7, 9));
      const fromD = Number(day.slice(8, 10));
      const toD = bi === 0 && batchDays.length > 1 ? Number(b2) - 1 : Number(last);
      const subject = this.L(
        `Godkendelse af indholdsplan ${fromD}.–${toD}. ${monthName(month, 'da')}`,
        `Approval: content plan ${fromD}–${toD} ${monthName(month, 'en')}`,
      );
      const verdict = r.chance(0.2) ? 'changes' : 'approved';
      // Client 9: the last batch before the end date is never answered (its window passes).
      const isDeemedCase = s.kind === 'deemed' && month === END_DAY.slice(0, 7) && bi === 1;
      const ans = this.ask('approval', subject, at(day, 11, r.int(0, 45)), isDeemedCase ? { never: true, noChase: true } : { verdict });
      this.addTime(day, 'approvals', r.int(15, 30));
      if (ans === null) return;
      let after = ans;
      if (verdict === 'changes') {
        for (const del of r.sample(dels, r.int(1, 2))) {
          const revAt = this.bump(atPlus(after, r.int(45, 150)));
          if (this.revise(del.id, revAt, 1, r.int(60, 400), 'client')) after = revAt;
          this.addTime(dayOf(revAt), 'work', r.int(15, 40));
        }
      }
      dels.forEach((del, i) => {
        const offset = 1 + Math.floor((i * 9) / Math.max(1, dels.length));
        this.publish(del.id, after, offset, offset);
      });
    });
  }

  /** Approval mode "per-item" (client 5): every post goes through several approval rounds. */
  private perItemMonth(month: string, days: string[], n: number): void {
    const r = this.rng;
    const mid = days[Math.floor(days.length / 2)];
    if (mid !== undefined) this.addTime(mid, 'approvals', r.int(90, 180)); // monthly review meeting
    for (const d of r.sample(days, n)) {
      const del = this.createDeliverable(d, month);
      const rounds = r.chance(0.75) ? r.int(3, 6) : r.int(1, 2);
      let cursor = this.bump(atPlus(del.createdAt, r.int(60, 180)));
      for (let round = 1; round <= rounds; round++) {
        const verdict = round < rounds ? 'changes' : 'approved';
        const subject = this.L(`Godkendelse: ${del.title} (runde ${round})`, `Approval: ${del.title} (round ${round})`);
        const ans = this.ask('approval', subject, cursor, { deliverableId: del.id, verdict });
        this.addTime(dayOf(cursor), 'approvals', r.int(5, 15));
        if (ans === null) break;
        this.addTime(dayOf(ans), 'approvals', r.int(10, 25));
        if (verdict === 'approved') {
          this.publish(del.id, ans);
          break;
        }
        const revAt = this.bump(atPlus(ans, r.int(30, 150)));
        if (!this.revise(del.id, revAt, round, r.int(3, 30), 'client')) break;
        cursor = this.bump(atPlus(revAt, r.int(20, 90)));
      }
    }
  }

  // ----- billing ---------------------------------------------------------

  private planPayments(): Pay[] {
    const s = this.s;
    const r = this.rng;
    const pays: Pay[] = [];
    const onTime = (inv: Invoice): string => {
      let d = onOrBeforeBD(addDays(inv.dueDay, -r.int(0, 4)));
      if (d <= inv.issueDay) d = onOrAfterBD(addDays(inv.issueDay, 1));
      return d;
    };
    const late = (inv: Invoice, n: number): string => (n <= 0 ? onOrBeforeBD(addDays(inv.dueDay, n)) : onOrAfterBD(addDays(inv.dueDay, n)));
    this.invoices.forEach((inv, i) => {
      const net = inv.totalCents - inv.creditCents;
      const full = (day: string): void => {
        pays.push({ day, cents: net, invoiceIds: [inv.id] });
      };
      switch (s.kind) {
        case 'late': {
          const lateness = [-2, 0, 5, 9, 14, 20, 26, 33][i];
          if (lateness !== undefined) full(late(inv, lateness)); // later ones: still unpaid
          break;
        }
        case 'paused_paid': {
          if (inv.month === '2026-09') break; // paid together with October's
          if (inv.month === '2026-10') {
            const sep = this.invoices.find((x) => x.month === '2026-09');
            if (!sep) throw new Error('moeller: no September invoice');
            pays.push({ day: '2026-10-06', cents: sep.totalCents + inv.totalCents, invoiceIds: [sep.id, inv.id] });
            break;
          }
          const lateness = [0, -1, 2, 5, 3, 7, 6, 8][i];
          full(lateness === undefined ? onTime(inv) : late(inv, lateness));
          break;
        }
        case 'one_off':
          full(i === 1 ? late(inv, 12) : onTime(inv));
          break;
        default:
          if (s.id === 'bageriet' && i === 4) {
            // Partial payment split in two, both before the due date.
            const first = Math.round(net / 200) * 100;
            pays.push({ day: onOrBeforeBD(addDays(inv.dueDay, -6)), cents: first, invoiceIds: [inv.id] });
            pays.push({ day: onOrBeforeBD(addDays(inv.dueDay, -1)), cents: net - first, invoiceIds: [inv.id] });
          } else if (s.id === 'brauhaus' && i === 2) {
            pays.push({ day: onTime(inv), cents: net }); // no invoice reference: allocated oldest-first
          } else {
            full(onTime(inv));
          }
      }
    });
    return pays.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  /** Day on which each invoice became fully paid (by allocation), for the reminder logic. */
  private paidDays(pays: Pay[]): Map<string, string> {
    const outstanding = new Map(this.invoices.map((i) => [i.id, i.totalCents - i.creditCents]));
    const paid = new Map<string, string>();
    for (const p of pays) {
      let rest = p.cents;
      const targets = p.invoiceIds ?? this.invoices.filter((i) => i.issueDay <= p.day).map((i) => i.id);
      for (const id of targets) {
        const o = outstanding.get(id) ?? 0;
        const take = Math.min(o, rest);
        outstanding.set(id, o - take);
        rest -= take;
        if (o > 0 && o - take === 0) paid.set(id, p.day);
      }
    }
    return paid;
  }

  private billing(): void {
    const s = this.s;
    const r = this.rng;
    for (const inv of this.invoices) {
      emit('invoice.issued', at(inv.issueDay, 8, 15), {
        invoiceId: inv.id,
        clientId: s.id,
        number: inv.number,
        issueDate: inv.issueDay,
        dueDate: inv.dueDay,
        total: money(inv.totalCents, s.currency),
      });
      this.addTime(inv.issueDay, 'admin', r.int(15, 25));
      if (inv.creditCents > 0) {
        emit('invoice.credited', at(addBD(inv.issueDay, 2), 10, 5), {
          invoiceId: inv.id,
          amount: money(inv.creditCents, s.currency),
          reason: 'To opslag udgik efter aftale, da forårskampagnen blev aflyst',
        });
      }
    }
    const pays = this.planPayments();
    for (const p of pays) {
      emit('payment.received', at(p.day, r.int(9, 13), r.int(0, 59)), {
        paymentId: `${s.id}-pay-${pad(++this.payN)}`,
        clientId: s.id,
        date: p.day,
        amount: money(p.cents, s.currency),
        ...(p.invoiceIds ? { invoiceIds: p.invoiceIds } : {}),
      });
    }
    // Payment reminders ("perhaps my invoice slipped through"), then firmer ones.
    const paid = this.paidDays(pays);
    this.paidOn = paid;
    for (const inv of this.invoices) {
      const paidDay = paid.get(inv.id);
      for (const [i, k] of [3, 10, 21, 35].entries()) {
        const day = onOrAfterBD(addDays(inv.dueDay, k));
        if (day > END_DAY || (paidDay !== undefined && day >= paidDay)) break;
        const n = inv.number;
        const subject = [
          this.L(`Faktura ${n} – er den mon gledet forbi?`, `Invoice ${n} – perhaps it slipped through?`),
          this.L(`Påmindelse: faktura ${n} er forfalden`, `Reminder: invoice ${n} is overdue`),
          this.L(`Anden påmindelse: faktura ${n}`, `Second reminder: invoice ${n}`),
          this.L(`Sidste rykker: faktura ${n}`, `Final notice: invoice ${n}`),
        ][i] as string;
        const messageId = outboundId();
        const ts = at(day, 8, r.int(0, 40));
        emit('message.sent', ts, { messageId, clientId: s.id, channel: 'email', subject });
        this.addTime(day, 'chasing', r.int(15, 30));
        // Late payers answer the first reminder with an excuse ("keep going, payment is on its way").
        if (i === 0 && (s.kind === 'late' || s.kind === 'one_off') && r.chance(s.kind === 'one_off' ? 1 : 0.7)) {
          const replyDay = addBD(day, 1);
          // (Only for invoices eventually paid: on the last two, the late payer has gone quiet.)
          if (paidDay !== undefined && replyDay < paidDay) {
            emit('message.received', this.rt(replyDay, 9, 15), {
              messageId: inboundId(s.domain),
              clientId: s.id,
              channel: 'email',
              subject: this.reply(subject),
              inReplyTo: messageId,
            });
          }
        }
      }
    }
  }

  // ----- messages, incidents, special episodes ----------------------------

  private messages(): void {
    const s = this.s;
    const r = this.rng;
    for (const month of monthsRange(s.start.slice(0, 7), lastMonthOf(s))) {
      const reportDay = onOrAfterBD(`${nextMonth(month)}-01`);
      if (reportDay <= END_DAY && !this.inPause(reportDay)) {
        const final = s.lastWorkDay !== undefined && month === lastMonthOf(s);
        const subject = final
          ? 'Slutrapport: resultater december 2025 – juni 2026 og overdragelse af jeres konti'
          : this.L(`Månedsrapport: ${monthName(month, 'da')} ${month.slice(0, 4)}`, `Monthly report: ${monthName(month, 'en')} ${month.slice(0, 4)}`);
        emit('message.sent', at(reportDay, 13, r.int(0, 59)), { messageId: outboundId(), clientId: s.id, channel: 'email', subject });
        this.addTime(reportDay, 'admin', final ? r.int(120, 180) : r.int(30, 60));
      }
      // Occasional question from the client, answered the same day.
      if (r.chance(0.4)) {
        const day = onOrAfterBD(`${month}-${pad(r.int(5, 25))}`);
        const lastDay = s.lastWorkDay ?? END_DAY;
        if (day < s.start || day > lastDay || this.inPause(day)) continue;
        const q = r.pick(
          this.L(
            ['Spørgsmål til næste måneds opslag', 'Kan vi nå et ekstra opslag om vores åbent hus?', 'Nye billeder fra fotografen', 'Ændrede åbningstider'],
            ['Question about next month’s posts', 'Could we add a post about our open day?', 'New photos from the photographer', 'Changed opening hours'],
          ),
        );
        const inId = inboundId(s.domain);
        const tIn = this.rt(day, 7, 11);
        emit('message.received', tIn, { messageId: inId, clientId: s.id, channel: 'email', subject: q });
        emit('message.sent', atPlus(tIn, r.int(60, 240)), { messageId: outboundId(), clientId: s.id, channel: 'email', subject: this.reply(q), inReplyTo: inId });
        this.addTime(day, 'admin', r.int(15, 30));
      }
    }
  }

  private incident(day: string, severity: 'low' | 'medium' | 'high', summary: string): void {
    emit('incident.noted', this.rt(day, 10, 14), { clientId: this.s.id, severity, summary });
  }

  private inv(month: string): Invoice {
    const inv = this.invoices.find((i) => i.month === month);
    if (!inv) throw new Error(`${this.s.id}: no invoice for ${month}`);
    return inv;
  }

  private specials(): void {
    const s = this.s;
    const r = this.rng;
    switch (s.id) {
      case 'hyggehjem':
        this.incident('2026-05-19', 'low', 'Forkert pris på en lampe i et Pinterest-pin; rettet inden for en time efter kundens besked.');
        break;
      case 'vestergaard': {
        this.incident('2026-06-03', 'low', 'Billeder til sommerkampagnen, lovet til 1. juni, er ikke kommet; tre opslag venter.');
        this.incident('2026-09-10', 'medium', 'Kunden spurgte i telefonen, om "det virkelig er alt, I har nået"; seks opslag venter på feedback, som er rykket for flere gange.');
        const q = 'Er det virkelig alt, I har nået i oktober?';
        const inId = inboundId(s.domain);
        emit('message.received', at('2026-10-14', 7, 42), { messageId: inId, clientId: s.id, channel: 'email', subject: q });
        emit('message.sent', at('2026-10-14', 12, 10), {
          messageId: outboundId(),
          clientId: s.id,
          channel: 'email',
          subject: `Sv: ${q} – oversigt over opslag, der venter på jeres svar`,
          inReplyTo: inId,
        });
        this.addTime('2026-10-14', 'chasing', 60);
        this.incident('2026-10-14', 'medium', 'Kunden klager over fremdriften; vores oversigt viser 7 ubesvarede anmodninger og ca. 9 timers ventetid i oktober.');
        break;
      }
      case 'lykke': {
        this.ask('access', 'Adgang til jeres TikTok-konto', at('2026-05-04', 9, 30));
        this.incident('2026-05-06', 'medium', 'Kunden vil ikke give adgang til TikTok og ønsker selv at poste vores videoer.');
        this.ask('access', 'Fuld administratoradgang til Instagram og Facebook', at('2026-08-03', 9, 15), {
          withdraw: { afterDueBD: 10, reason: 'Kunden afviser at give fuld adgang; vi arbejder videre med begrænset adgang' },
        });
        this.incident('2026-04-22', 'high', 'Kunden redigerede et planlagt opslag direkte i Meta Business Suite og fjernede kampagnens hashtags uden at give besked.');
        this.incident('2026-06-10', 'medium', 'Fem godkendelsesrunder på ét opslag for at ændre kommatering; udgivelsen blev en uge forsinket.');
        this.incident('2026-09-15', 'medium', 'Kunden giver os skylden for faldende rækkevidde, selv om hovedparten af opslagene er forsinket af godkendelsesrunder.');
        this.addTime('2026-09-15', 'approvals', 90);
        break;
      }
      case 'harbourfinch':
        this.incident(
          '2026-07-08',
          'medium',
          `Oliver asked us by phone to "keep going, the money is on its way" while invoice ${this.inv('2026-07').number} is overdue.`,
        );
        this.incident(
          '2026-11-12',
          'high',
          `Invoices ${this.inv('2026-10').number} and ${this.inv('2026-11').number} are unpaid; the client no longer replies to payment reminders.`,
        );
        break;
      case 'moeller': {
        const sep = this.inv('2026-09');
        const p = s.pause;
        if (!p) throw new Error('moeller: no pause');
        emit('work.paused', at(p.from, 8, 30), {
          clientId: s.id,
          reason: `Faktura ${sep.number} er ${daysBetween(sep.dueDay, p.from)} dage over forfald; arbejdet er stoppet efter kontraktens stop-arbejde-klausul (${s.stopWorkAfterDays} dage).`,
        });
        emit('message.sent', at(p.from, 8, 45), {
          messageId: outboundId(),
          clientId: s.id,
          channel: 'email',
          subject: `Arbejdet er sat på pause, indtil faktura ${sep.number} er betalt`,
        });
        this.addTime(p.from, 'admin', 30);
        this.incident('2026-09-16', 'low', 'Kunden ringede utilfreds over pausen, men lovede at betale i løbet af et par uger.');
        emit('work.resumed', at(p.to, 8, 30), { clientId: s.id, reason: 'Alle forfaldne fakturaer er betalt (indbetaling 6. oktober).' });
        emit('message.sent', at(p.to, 8, 40), {
          messageId: outboundId(),
          clientId: s.id,
          channel: 'email',
          subject: 'Tak for betalingen – arbejdet er genoptaget',
        });
        break;
      }
      case 'thistle': {
        const inv = this.inv('2026-03');
        const paidDay = this.paidOn.get(inv.id);
        if (paidDay === undefined) throw new Error('thistle: March invoice unpaid');
        this.incident(
          addBD(paidDay, 1),
          'low',
          `Invoice ${inv.number} was paid ${daysBetween(inv.dueDay, paidDay)} days late; the client's bookkeeper was on leave. All earlier invoices were paid on time.`,
        );
        break;
      }
      case 'puls': {
        this.incident('2026-03-18', 'low', 'Materiale til forårskampagnen kom tre uger for sent; to opslag blev udskudt.');
        this.incident('2026-05-20', 'medium', 'Kunden klager over lav rækkevidde, men har ikke leveret de lovede træningsvideoer siden marts.');
        emit('message.sent', at('2026-05-29', 12, 0), {
          messageId: outboundId(),
          clientId: s.id,
          channel: 'email',
          subject: 'Opsigelse af samarbejdet pr. 30. juni 2026',
        });
        this.addTime('2026-05-29', 'admin', 60);
        emit('contract.ended', at('2026-06-30', 15, 0), {
          contractId: `${s.id}-k1`,
          endDate: '2026-06-30',
          reason: 'Opsagt af Nordlys Social: vi kan ikke levere det aftalte uden rettidig feedback og materiale fra kunden.',
        });
        let t = at('2026-07-01', 10, 0);
        for (const network of s.networks) {
          t = atPlus(t, r.int(5, 20));
          emit('access.handedOver', t, { clientId: s.id, network, account: accountFor(network, s.handle), confirmedBy: 'Rasmus Kjær' });
        }
        this.addTime('2026-07-01', 'admin', 90);
        t = at('2026-07-06', 9, 0);
        for (const network of s.networks) {
          t = atPlus(t, r.int(5, 20));
          emit('access.revoked', t, { clientId: s.id, network, account: accountFor(network, s.handle) });
        }
        emit('client.offboarded', at('2026-07-06', 12, 0), {
          clientId: s.id,
          reason: 'Samarbejdet afsluttet: kunden leverede ikke feedback og materiale rettidigt. Alle konti er overdraget, og alle fakturaer er betalt.',
        });
        break;
      }
      default:
        break;
    }
  }

  private flushTime(): void {
    const s = this.s;
    const lastDay = s.lastWorkDay !== undefined ? '2026-07-03' : END_DAY;
    const keys = [...this.time.keys()].sort();
    for (const key of keys) {
      const [day, kind] = key.split('|') as [string, TimeKind];
      if (day > lastDay) continue;
      const total = Math.max(15, this.time.get(key) ?? 0);
      const parts = Math.ceil(total / 240);
      const base = Math.floor(total / parts);
      for (let i = 0; i < parts; i++) {
        const minutes = base + (i < total - base * parts ? 1 : 0);
        emit('time.logged', at(day, 15, 30 + i * 5), { clientId: s.id, date: day, minutes, kind });
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Generate
// ---------------------------------------------------------------------------

function generate(): string[] {
  emit('workspace.configured', '2025-11-03T08:00:00Z', {
    name: 'Nordlys Social ApS',
    currency: 'DKK',
    locale: 'da',
    timezone: 'Europe/Copenhagen',
    jurisdiction: 'DK',
    targetHourlyRate: money(75000, 'DKK'),
  });
  const invoicesByClient = new Map(SPECS.map((s) => [s.id, scheduleInvoices(s)]));
  numberInvoices([...invoicesByClient.values()].flat());
  for (const s of SPECS) new ClientGen(s, invoicesByClient.get(s.id) ?? []).run();

  const sorted = [...drafts].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
  renumber(sorted);
  return sorted.map((d, i) => JSON.stringify({ id: `demo_${pad(i + 1, 6)}`, type: d.type, at: d.at, data: d.data }));
}

/**
 * Ids are handed out while each client's story is generated, not in time order; renumber
 * requests, deliverables, payments and messages by first appearance so that r001, r002, …
 * (and <demo-101@…>, <demo-102@…>, …) follow the timeline. Values keep their shape.
 */
function renumber(events: Draft[]): void {
  const maps = new Map<string, string>();
  const counters = new Map<string, number>();
  const next = (scope: string): number => {
    const n = (counters.get(scope) ?? 0) + 1;
    counters.set(scope, n);
    return n;
  };
  const map = (v: string): string => {
    const known = maps.get(v);
    if (known !== undefined) return known;
    let m: RegExpMatchArray | null;
    let out = v;
    if ((m = /^(.+)-(r|d)(\d+)$/.exec(v))) out = `${m[1]}-${m[2]}${pad(next(`${m[1]}-${m[2]}`), 3)}`;
    else if ((m = /^(.+)-pay-(\d+)$/.exec(v))) out = `${m[1]}-pay-${pad(next(`${m[1]}-pay`), 2)}`;
    else if ((m = /^<demo-\d+@(.+)>$/.exec(v))) out = `<demo-${100 + next('msg')}@${m[1]}>`;
    maps.set(v, out);
    return out;
  };
  for (const e of events) {
    for (const k of ['requestId', 'deliverableId', 'paymentId', 'messageId', 'inReplyTo']) {
      const v = e.data[k];
      if (typeof v === 'string') e.data[k] = map(v);
    }
  }
}

// ---------------------------------------------------------------------------
// Self-check (re-reads the written file; throws on the first violation)
// ---------------------------------------------------------------------------

const FIELDS: Record<string, { req: string[]; opt: string[] }> = {
  'workspace.configured': { req: ['name', 'currency', 'locale', 'timezone', 'jurisdiction', 'targetHourlyRate'], opt: [] },
  'client.added': { req: ['clientId', 'name', 'locale', 'contacts'], opt: ['jurisdiction', 'currency'] },
  'contract.signed': {
    req: ['contractId', 'clientId', 'startDate', 'networks', 'fee', 'paymentTerms', 'feedbackDays', 'approval', 'stopWorkAfterDays', 'lateInterest'],
    opt: [],
  },
  'contract.ended': { req: ['contractId', 'endDate'], opt: ['reason'] },
  'deliverable.created': { req: ['deliverableId', 'clientId', 'title'], opt: ['network'] },
  'deliverable.revised': { req: ['deliverableId', 'round', 'changeChars', 'requestedBy'], opt: [] },
  'deliverable.published': { req: ['deliverableId'], opt: [] },
  'request.sent': { req: ['requestId', 'clientId', 'kind', 'subject', 'dueDate'], opt: ['deliverableId'] },
  'request.answered': { req: ['requestId', 'channel'], opt: ['verdict'] },
  'request.withdrawn': { req: ['requestId'], opt: ['reason'] },
  'access.granted': { req: ['clientId', 'network', 'account', 'level'], opt: [] },
  'access.revoked': { req: ['clientId', 'network', 'account'], opt: [] },
  'access.handedOver': { req: ['clientId', 'network', 'account'], opt: ['confirmedBy'] },
  'invoice.issued': { req: ['invoiceId', 'clientId', 'number', 'issueDate', 'dueDate', 'total'], opt: [] },
  'invoice.credited': { req: ['invoiceId', 'amount'], opt: ['reason'] },
  'payment.received': { req: ['paymentId', 'clientId', 'date', 'amount'], opt: ['invoiceIds'] },
  'message.sent': { req: ['messageId', 'clientId', 'channel', 'subject'], opt: ['inReplyTo', 'requestId'] },
  'message.received': { req: ['messageId', 'clientId', 'channel', 'subject'], opt: ['inReplyTo', 'requestId'] },
  'time.logged': { req: ['clientId', 'date', 'minutes', 'kind'], opt: [] },
  'incident.noted': { req: ['clientId', 'severity', 'summary'], opt: [] },
  'work.paused': { req: ['clientId', 'reason'], opt: [] },
  'work.resumed': { req: ['clientId', 'reason'], opt: [] },
  'client.offboarded': { req: ['clientId', 'reason'], opt: [] },
};
const DATE_FIELDS = ['startDate', 'endDate', 'dueDate', 'issueDate', 'date'];
const INT_FIELDS = ['minutes', 'round', 'changeChars', 'feedbackDays', 'stopWorkAfterDays', 'dueDayOfMonth', 'netDays', 'windowDays'];
const ENUMS: Record<string, string[]> = {
  locale: ['en', 'da'],
  jurisdiction: ['DK', 'GB', 'DE', 'EU', 'NONE'],
  currency: ['DKK', 'EUR', 'GBP'],
  requestedBy: ['client', 'us'],
  channel: ['email', 'portal', 'phone', 'meeting'],
  verdict: ['approved', 'changes'],
  level: ['full', 'partial'],
  severity: ['low', 'medium', 'high'],
};
const KIND_ENUMS: Record<string, string[]> = {
  'request.sent': ['feedback', 'approval', 'access', 'information'],
  'time.logged': ['work', 'chasing', 'approvals', 'admin'],
};

function fail(line: number, msg: string): never {
  throw new Error(`self-check: line ${line}: ${msg}`);
}
function validDate(d: unknown): boolean {
  return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
}
function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
/** Recursively checks every money object, date field and integer field. */
function walk(x: unknown, line: number, key = ''): void {
  if (Array.isArray(x)) {
    for (const v of x) walk(v, line, key);
    return;
  }
  if (!isObj(x)) {
    if (typeof x === 'number' && !Number.isInteger(x)) fail(line, `non-integer number at ${key}`);
    return;
  }
  if ('amount' in x && 'currency' in x) {
    if (typeof x.amount !== 'string' || !/^\d+\.\d{2}$/.test(x.amount)) fail(line, `bad amount ${String(x.amount)}`);
    if (typeof x.currency !== 'string' || !['DKK', 'EUR', 'GBP'].includes(x.currency)) fail(line, `bad currency ${String(x.currency)}`);
  }
  for (const [k, v] of Object.entries(x)) {
    if (DATE_FIELDS.includes(k) && !validDate(v)) fail(line, `bad date ${k}=${String(v)}`);
    if (INT_FIELDS.includes(k) && !Number.isInteger(v)) fail(line, `${k} is not an integer`);
    const en = ENUMS[k];
    if (en && !en.includes(String(v))) fail(line, `bad ${k}=${String(v)}`);
    walk(v, line, k);
  }
}

interface CheckClient {
  currency: string;
  events: number;
  invoices: string[];
  networks: string[];
  feedbackDays: number;
  stopWorkAfterDays: number;
  offboarded: boolean;
  paused: number;
  resumed: number;
  grants: number;
  partialGrants: number;
  handedOver: number;
  tinyClientRevisions: number;
  minutes: Record<string, number>;
  lateInvoices: number;
}

function selfCheck(path: string): void {
  const text = readFileSync(path, 'utf8');
  if (!text.endsWith('\n')) throw new Error('self-check: file must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < MIN_LINES || lines.length > MAX_LINES) throw new Error(`self-check: ${lines.length} lines, want ${MIN_LINES}–${MAX_LINES}`);

  const ids = new Set<string>();
  const clients = new Map<string, CheckClient>();
  const contracts = new Map<string, string>();
  const deliverables = new Map<string, { clientId: string; published: boolean }>();
  const requests = new Map<string, { clientId: string; kind: string; dueDate: string; closed: boolean; answeredOnDay?: string }>();
  const invoices = new Map<string, { clientId: string; currency: string; total: number; credited: number; paid: number; dueDate: string; number: string; paidDay?: string }>();
  const invoiceNumbers = new Set<string>();
  const grants = new Set<string>();
  const messageIds = new Set<string>();
  const payments = new Set<string>();
  const allocations: { clientId: string; day: string; cents: number; invoiceIds?: string[] }[] = [];
  let prevAt = '';

  lines.forEach((raw, i) => {
    const ln = i + 1;
    let ev: unknown;
    try {
      ev = JSON.parse(raw);
    } catch {
      fail(ln, 'invalid JSON');
    }
    if (!isObj(ev)) fail(ln, 'not an object');
    if (Object.keys(ev).join(',') !== 'id,type,at,data') fail(ln, `envelope keys ${Object.keys(ev).join(',')}`);
    const { id, type, at: ts, data } = ev;
    if (typeof id !== 'string' || !/^demo_\d{6}$/.test(id)) fail(ln, `bad id ${String(id)}`);
    if (ids.has(id)) fail(ln, `duplicate id ${id}`);
    ids.add(id);
    if (typeof type !== 'string' || !(type in FIELDS)) fail(ln, `unknown type ${String(type)}`);
    if (typeof ts !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(ts)) fail(ln, `bad at ${String(ts)}`);
    if (new Date(ts).toISOString() !== ts.replace('Z', '.000Z')) fail(ln, `at does not round-trip: ${ts}`);
    if (ts < prevAt) fail(ln, `not sorted: ${ts} after ${prevAt}`);
    if (ts > END_AT) fail(ln, `after the end: ${ts}`);
    prevAt = ts;
    if (!isObj(data)) fail(ln, 'data is not an object');
    if (ln === 1 && type !== 'workspace.configured') fail(ln, 'first line must be workspace.configured');
    if (ln > 1 && type === 'workspace.configured') fail(ln, 'workspace.configured twice');
    const spec = FIELDS[type] as { req: string[]; opt: string[] };
    for (const k of spec.req) if (!(k in data)) fail(ln, `${type}: missing ${k}`);
    for (const k of Object.keys(data)) if (!spec.req.includes(k) && !spec.opt.includes(k)) fail(ln, `${type}: unexpected field ${k}`);
    walk(data, ln);
    const kinds = KIND_ENUMS[type];
    if (kinds && !kinds.includes(String(data.kind))) fail(ln, `${type}: bad kind ${String(data.kind)}`);
    for (const k of ['date', 'issueDate']) if (k in data && data[k] !== dayOf(ts)) fail(ln, `${k} ${String(data[k])} is not the day of at ${ts}`);

    const str = (k: string): string => {
      const v = data[k];
      if (typeof v !== 'string' || v === '') fail(ln, `${type}: ${k} must be a non-empty string`);
      return v;
    };
    const client = (): CheckClient => {
      const cid = str('clientId');
      const c = clients.get(cid);
      if (!c) fail(ln, `unknown client ${cid}`);
      if (c.offboarded) fail(ln, `event for offboarded client ${cid}`);
      return c;
    };
    const money$ = (k: string, shape = 'amount,currency'): { cents: number; currency: string } => {
      const m = data[k];
      if (!isObj(m) || Object.keys(m).sort().join(',') !== shape) fail(ln, `${k} is not money`);
      return { cents: parseCents(String(m.amount)), currency: String(m.currency) };
    };
    let c: CheckClient | undefined;

    switch (type) {
      case 'workspace.configured':
        money$('targetHourlyRate');
        break;
      case 'client.added': {
        const cid = str('clientId');
        if (clients.has(cid)) fail(ln, `client ${cid} added twice`);
        const contacts = data.contacts;
        if (!Array.isArray(contacts) || contacts.length === 0) fail(ln, 'contacts');
        for (const ct of contacts) {
          if (!isObj(ct) || Object.keys(ct).sort().join(',') !== 'email,name') fail(ln, 'contact shape');
          if (!/^[^@\s]+@[a-z0-9.-]+\.example$/.test(String(ct.email))) fail(ln, `contact email ${String(ct.email)}`);
        }
        c = {
          currency: str('currency'),
          events: 0,
          invoices: [],
          networks: [],
          feedbackDays: 0,
          stopWorkAfterDays: 0,
          offboarded: false,
          paused: 0,
          resumed: 0,
          grants: 0,
          partialGrants: 0,
          handedOver: 0,
          tinyClientRevisions: 0,
          minutes: { work: 0, chasing: 0, approvals: 0, admin: 0 },
          lateInvoices: 0,
        };
        clients.set(cid, c);
        break;
      }
      case 'contract.signed': {
        c = client();
        contracts.set(str('contractId'), str('clientId'));
        const fee = money$('fee', 'amount,currency,cycle');
        if (fee.currency !== c.currency) fail(ln, 'fee currency differs from client currency');
        const feeObj = data.fee as Record<string, unknown>;
        if (Object.keys(feeObj).sort().join(',') !== 'amount,currency,cycle' || !['monthly', 'once'].includes(String(feeObj.cycle))) fail(ln, 'fee shape');
        const terms = data.paymentTerms;
        if (!isObj(terms) || !['dueDayOfMonth', 'netDays'].includes(Object.keys(terms).join(','))) fail(ln, 'paymentTerms shape');
        const appr = data.approval;
        if (!isObj(appr) || !['none', 'batch', 'per-item'].includes(String(appr.mode))) fail(ln, 'approval mode');
        for (const k of Object.keys(appr)) if (!['mode', 'windowDays', 'deemedApproval'].includes(k)) fail(ln, `approval.${k}`);
        if ('deemedApproval' in appr && typeof appr.deemedApproval !== 'boolean') fail(ln, 'deemedApproval');
        if (!['statutory', 'none'].includes(String(data.lateInterest))) fail(ln, 'lateInterest');
        if (!Array.isArray(data.networks) || data.networks.length === 0) fail(ln, 'networks');
        c.networks = data.networks.map(String);
        c.feedbackDays = data.feedbackDays as number;
        c.stopWorkAfterDays = data.stopWorkAfterDays as number;
        break;
      }
      case 'contract.ended': {
        const cid = contracts.get(str('contractId'));
        if (!cid) fail(ln, 'contract.ended for unknown contract');
        c = clients.get(cid);
        break;
      }
      case 'deliverable.created': {
        c = client();
        const did = str('deliverableId');
        if (deliverables.has(did)) fail(ln, `deliverable ${did} created twice`);
        if (!c.networks.includes(String(data.network))) fail(ln, `network ${String(data.network)} not in the contract`);
        str('title');
        deliverables.set(did, { clientId: str('clientId'), published: false });
        break;
      }
      case 'deliverable.revised':
      case 'deliverable.published': {
        const d = deliverables.get(str('deliverableId'));
        if (!d) fail(ln, `${type} before deliverable.created`);
        if (d.published) fail(ln, `${type} after publication`);
        c = clients.get(d.clientId);
        if (type === 'deliverable.published') d.published = true;
        else if (data.requestedBy === 'client' && (data.changeChars as number) <= 30 && c) c.tinyClientRevisions++;
        break;
      }
      case 'request.sent': {
        c = client();
        const rid = str('requestId');
        if (requests.has(rid)) fail(ln, `request ${rid} sent twice`);
        str('subject');
        if ('deliverableId' in data) {
          const d = deliverables.get(str('deliverableId'));
          if (!d || d.clientId !== data.clientId) fail(ln, 'request for unknown deliverable');
        }
        const due = str('dueDate');
        if (due !== addBD(dayOf(ts), c.feedbackDays)) fail(ln, `dueDate ${due} is not sent day + ${c.feedbackDays} business days`);
        requests.set(rid, { clientId: str('clientId'), kind: String(data.kind), dueDate: due, closed: false });
        break;
      }
      case 'request.answered':
      case 'request.withdrawn': {
        const rq = requests.get(str('requestId'));
        if (!rq) fail(ln, `${type} before request.sent`);
        if (rq.closed) fail(ln, `${type} for a closed request`);
        rq.closed = true;
        if (type === 'request.answered') {
          rq.answeredOnDay = dayOf(ts);
          if ((rq.kind === 'approval') !== ('verdict' in data)) fail(ln, 'verdict present iff approval');
        }
        c = clients.get(rq.clientId);
        break;
      }
      case 'access.granted': {
        c = client();
        const key = `${str('clientId')}|${str('network')}|${str('account')}`;
        if (!c.networks.includes(str('network'))) fail(ln, 'grant for a network outside the contract');
        grants.add(key);
        c.grants++;
        if (data.level === 'partial') c.partialGrants++;
        break;
      }
      case 'access.revoked':
      case 'access.handedOver': {
        c = client();
        if (!grants.has(`${str('clientId')}|${str('network')}|${str('account')}`)) fail(ln, `${type} before access.granted`);
        if (type === 'access.handedOver') c.handedOver++;
        break;
      }
      case 'invoice.issued': {
        c = client();
        const iid = str('invoiceId');
        if (invoices.has(iid)) fail(ln, `invoice ${iid} issued twice`);
        const num = str('number');
        if (!/^\d{4}-\d{4}$/.test(num) || invoiceNumbers.has(num)) fail(ln, `bad or duplicate invoice number ${num}`);
        invoiceNumbers.add(num);
        const total = money$('total');
        if (total.currency !== c.currency) fail(ln, 'invoice currency differs from client currency');
        if (str('dueDate') < str('issueDate')) fail(ln, 'due before issue');
        invoices.set(iid, { clientId: str('clientId'), currency: total.currency, total: total.cents, credited: 0, paid: 0, dueDate: str('dueDate'), number: num });
        c.invoices.push(iid);
        break;
      }
      case 'invoice.credited': {
        const inv = invoices.get(str('invoiceId'));
        if (!inv) fail(ln, 'credit before invoice.issued');
        const amt = money$('amount');
        if (amt.currency !== inv.currency) fail(ln, 'credit currency');
        inv.credited += amt.cents;
        c = clients.get(inv.clientId);
        break;
      }
      case 'payment.received': {
        c = client();
        const pid = str('paymentId');
        if (payments.has(pid)) fail(ln, `duplicate payment ${pid}`);
        payments.add(pid);
        const amt = money$('amount');
        if (amt.currency !== c.currency) fail(ln, 'payment currency differs from client currency');
        let ids: string[] | undefined;
        if ('invoiceIds' in data) {
          if (!Array.isArray(data.invoiceIds) || data.invoiceIds.length === 0) fail(ln, 'invoiceIds');
          ids = data.invoiceIds.map(String);
          for (const iid of ids) {
            const inv = invoices.get(iid);
            if (!inv) fail(ln, `payment names unknown/not yet issued invoice ${iid}`);
            if (inv.clientId !== data.clientId) fail(ln, 'payment for another client’s invoice');
            if (inv.currency !== amt.currency) fail(ln, 'payment currency differs from invoice currency');
          }
        }
        allocations.push({ clientId: str('clientId'), day: str('date'), cents: amt.cents, ...(ids ? { invoiceIds: ids } : {}) });
        // allocate immediately (named invoices first, else oldest-first)
        let rest = amt.cents;
        const targets = ids ?? (c.invoices as string[]);
        for (const iid of targets) {
          const inv = invoices.get(iid);
          if (!inv) continue;
          const open = inv.total - inv.credited - inv.paid;
          const take = Math.min(open, rest);
          inv.paid += take;
          rest -= take;
          if (open > 0 && take === open) {
            inv.paidDay = str('date');
            if (str('date') > inv.dueDate) c.lateInvoices++;
          }
        }
        if (rest !== 0) fail(ln, `payment over-allocates by ${rest}`);
        break;
      }
      case 'message.sent':
      case 'message.received': {
        c = client();
        const mid = str('messageId');
        if (!/^<demo-\d+@[a-z0-9.-]+\.example>$/.test(mid) || messageIds.has(mid)) fail(ln, `bad or duplicate messageId ${mid}`);
        if ('inReplyTo' in data && !messageIds.has(str('inReplyTo'))) fail(ln, 'inReplyTo an unknown message');
        if ('requestId' in data && requests.get(str('requestId'))?.clientId !== data.clientId) fail(ln, 'message for unknown request');
        messageIds.add(mid);
        break;
      }
      case 'time.logged': {
        c = client();
        const m = data.minutes as number;
        if (m < 15 || m > 240) fail(ln, `minutes ${m} outside 15–240`);
        c.minutes[String(data.kind)] = (c.minutes[String(data.kind)] ?? 0) + m;
        break;
      }
      case 'work.paused':
      case 'work.resumed':
        c = client();
        if (type === 'work.paused') c.paused++;
        else {
          if (c.paused <= c.resumed) fail(ln, 'work.resumed without work.paused');
          c.resumed++;
        }
        break;
      case 'incident.noted':
        c = client();
        break;
      case 'client.offboarded':
        c = client();
        c.offboarded = true;
        break;
      default:
        fail(ln, `unhandled ${type}`);
    }
    if (c) c.events++;
  });

  // ----- per-client summary and kind expectations -----
  const problems: string[] = [];
  for (const s of SPECS) {
    const c = clients.get(s.id);
    if (!c) throw new Error(`self-check: client ${s.id} missing`);
    const unpaid = c.invoices.map((iid) => invoices.get(iid)).filter((inv) => inv !== undefined && inv.total - inv.credited - inv.paid > 0);
    const unpaidCents = unpaid.reduce((a, inv) => a + (inv ? inv.total - inv.credited - inv.paid : 0), 0);
    const maxOverdue = Math.max(0, ...unpaid.map((inv) => (inv ? daysBetween(inv.dueDate, END_DAY) : 0)));
    const reqs = [...requests.values()].filter((q) => q.clientId === s.id);
    const openPastDue = reqs.filter((q) => !q.closed && q.dueDate < END_DAY);
    const answeredLate = reqs.filter((q) => q.answeredOnDay !== undefined && q.answeredOnDay > q.dueDate).length;
    const h = (k: string): string => ((c.minutes[k] ?? 0) / 60).toFixed(1);
    console.log(
      `${s.id.padEnd(13)} ${s.kind.padEnd(12)} ${s.currency} events=${String(c.events).padStart(4)} invoices=${String(c.invoices.length).padStart(2)} ` +
        `unpaid=${unpaid.length} (${fmtCents(unpaidCents)} ${s.currency}, max ${maxOverdue}d overdue) late-paid=${c.lateInvoices} ` +
        `requests=${reqs.length} answered-late=${answeredLate} open-past-due=${openPastDue.length} tiny-revisions=${c.tinyClientRevisions} ` +
        `hours work/chasing/approvals/admin=${h('work')}/${h('chasing')}/${h('approvals')}/${h('admin')}`,
    );
    const expect = (ok: boolean, what: string): void => {
      if (!ok) problems.push(`${s.id} (${s.kind}): ${what}`);
    };
    const overdueUnpaid = unpaid.filter((inv) => inv !== undefined && inv.dueDate < END_DAY);
    if (s.kind !== 'late') expect(overdueUnpaid.length === 0, 'has overdue unpaid invoices');
    if (s.kind === 'good' || s.kind === 'deemed') {
      expect(answeredLate === 0, 'answered requests late');
      expect(c.lateInvoices === 0, 'paid late');
    }
    if (s.kind === 'good') expect(openPastDue.length === 0, 'has overdue open requests');
    switch (s.kind) {
      case 'unresponsive':
        expect(openPastDue.length >= 3, 'fewer than 3 open past-due requests');
        expect(answeredLate > reqs.length / 2, 'not mostly answering late');
        break;
      case 'controlling':
        expect(c.partialGrants > 0 && c.tinyClientRevisions >= 50, 'no partial access or too few tiny revisions');
        expect((c.minutes.approvals ?? 0) > (c.minutes.work ?? 0) / 2, 'approval time not high');
        break;
      case 'late':
        expect(overdueUnpaid.length >= 1 && maxOverdue > c.stopWorkAfterDays, 'no invoice unpaid beyond stopWorkAfterDays');
        expect(c.paused === 0, 'late payer should not have been paused');
        expect(c.lateInvoices >= 4, 'not enough late payments');
        break;
      case 'paused_paid':
        expect(c.paused === 1 && c.resumed === 1 && unpaid.length === 0, 'pause/resume/paid episode incomplete');
        break;
      case 'one_off':
        expect(c.lateInvoices === 1, 'exactly one late payment expected');
        break;
      case 'deemed':
        expect(openPastDue.filter((q) => q.kind === 'approval').length === 1, 'no open approval past its window');
        break;
      case 'offboarded':
        expect(c.offboarded && c.handedOver === c.grants && unpaid.length === 0, 'offboarding incomplete');
        break;
      default:
        break;
    }
  }
  if (problems.length > 0) throw new Error(`self-check: kind expectations failed:\n  ${problems.join('\n  ')}`);
  console.log(`self-check passed: ${lines.length} lines, ${clients.size} clients, ${invoices.size} invoices, ${requests.size} requests, ${deliverables.size} deliverables`);
}

const lines = generate();
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} events to ${OUT}`);
selfCheck(OUT);
