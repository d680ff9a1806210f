/** One row of the generated gazetteer: a GB/T 2260 division as it stood in the texts' years. */
import { z } from 'zod';

export const Level = z.enum(['province', 'prefecture', 'county', 'township', 'village', 'other']);

export const Successor = z.object({
  code: z.string().nullable(),
  zh: z.string().nullable(),
  name: z.string().nullable(),
  kind: z.string().nullable(),
  /** The first snapshot (yyyymm, or 2023) in which the successor stands. */
  since: z.string(),
  note: z.string().optional(),
});

export const Division = z.object({
  id: z.string().regex(/^gb:\d{6}@\d{6}$/),
  code: z.string().regex(/^\d{6}$/),
  revision: z.string(),
  revisions: z.array(z.string()),
  zh: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  level: Level,
  parentId: z.string().nullable(),
  /** Renames and recodings since, in order; the last is the division's present form. */
  successors: z.array(Successor).optional(),
});
export type Division = z.infer<typeof Division> & { successor?: z.infer<typeof Successor> };
