import type { Locale } from '../../api/types.ts';
import common from './common.ts';
import dashboard from './dashboard.ts';
import client from './client.ts';
import record from './record.ts';
import outbox from './outbox.ts';
import settings from './settings.ts';
import portal from './portal.ts';

/** One catalogue per area of the app; keys are prefixed by area (`dashboard.title`). */
export type Catalogue = Readonly<Record<string, string>>;
export interface AreaCatalogue { readonly en: Catalogue; readonly da: Catalogue }

const areas: readonly AreaCatalogue[] = [common, dashboard, client, record, outbox, settings, portal];

export const catalogues: Readonly<Record<Locale, Catalogue>> = {
  en: Object.assign({}, ...areas.map((a) => a.en)) as Catalogue,
  da: Object.assign({}, ...areas.map((a) => a.da)) as Catalogue,
};
