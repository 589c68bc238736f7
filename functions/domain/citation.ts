// A pointer from generated text back to the knowledge document it drew on.
import { z } from 'zod';

export const Citation = z.strictObject({
  /** Path of the document under knowledge-content/, e.g. `playbooks/campaign-tiers.md`. */
  documentId: z.string().min(1).max(512),
  title: z.string().min(1).max(300),
  excerpt: z.string().max(2000).optional(),
});
export type Citation = z.infer<typeof Citation>;
