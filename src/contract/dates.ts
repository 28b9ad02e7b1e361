import { z } from 'zod';
import { checkDate, supportedDatesText } from '../core/dates.ts';

// A calendar day in a query or a body: `YYYY-MM-DD` within the dates Firmly supports. One rule
// for every route that takes a day, so each refuses the same way.

export const DateText = z.string().refine((text) => checkDate(text).ok, `not a date (YYYY-MM-DD) from ${supportedDatesText}`);

/** An optional day, described for the OpenAPI document. */
export const optionalDate = (description: string) => DateText.optional().describe(description);

/** `?at=YYYY-MM-DD`: the day to look at, default today in the workspace's time zone. */
export const AtQuery = z.object({
  at: optionalDate('the day to look at, YYYY-MM-DD; default today in the workspace\'s time zone'),
});
