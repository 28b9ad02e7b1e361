import { z } from 'zod';

/** RFC 9457 problem details, as every error response is sent (application/problem+json). */
export const ProblemView = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  code: z.string(),
}).meta({ id: 'Problem' });
