import { z } from 'zod';

// A text the server means for a person, sent as a key and values (#12 item 7): the page says
// it in its own language from its catalogue and formats each value itself. Values are typed,
// never preformatted: a day as YYYY-MM-DD, money as decimal strings with their currency, a
// code with the closed set it belongs to. The API keeps machine values; words are the page's.

const MoneyWire = z.object({ amount: z.string(), currency: z.string() });

export const PhraseValueView = z.union([
  z.string(),
  z.number(),
  z.object({ date: z.string().describe('YYYY-MM-DD') }),
  z.object({ money: z.array(MoneyWire).describe('amounts, one per currency') }),
  z.object({ list: z.array(z.string()) }),
  z.object({ code: z.string(), of: z.enum(['offboardingReason', 'outboxStatus']).describe('the closed set the code is one of') }),
]);

export const PhraseView = z.object({
  key: z.string().describe('what is said; the page words it in its language'),
  values: z.record(z.string(), PhraseValueView),
}).meta({ id: 'Phrase' });

export type PhraseValueWire = z.infer<typeof PhraseValueView>;
export type PhraseWire = z.infer<typeof PhraseView>;
