import type { Locale } from '../../api/types.ts';
import common from './common.ts';
import dashboard from './dashboard.ts';

/** One catalogue per area of the app; keys are prefixed by area (`dashboard.title`). */
export type Catalogue = Readonly<Record<string, string>>;
export interface AreaCatalogue { readonly en: Catalogue; readonly da: Catalogue }

// The dashboard's strings ship with the first page; every other area's arrive with its page
// (loadAreas, called by the lazy page loaders in App.tsx and main.tsx), so the first page
// does not download the words of pages not yet opened.
const loaded: Record<Locale, Record<string, string>> = {
  en: { ...common.en, ...dashboard.en },
  da: { ...common.da, ...dashboard.da },
};
export const catalogues: Readonly<Record<Locale, Catalogue>> = loaded;

const areas = {
  client: () => import('./client.ts'),
  record: () => import('./record.ts'),
  manage: () => import('./manage.ts'),
  outbox: () => import('./outbox.ts'),
  settings: () => import('./settings.ts'),
  portal: () => import('./portal.ts'),
  people: () => import('./people.ts'),
} as const;
export type LazyArea = keyof typeof areas;

/** Adds the catalogues of `names` (once loaded, a second call costs nothing). */
export async function loadAreas(...names: readonly LazyArea[]): Promise<void> {
  const modules = await Promise.all(names.map((name) => areas[name]()));
  for (const { default: area } of modules) {
    Object.assign(loaded.en, area.en);
    Object.assign(loaded.da, area.da);
  }
}
