// The tie between a campaign (or one of its posts) and a Workfront object,
// so webhook events about that object find their way back to the campaign.
import { z } from 'zod';
import { Id } from './vocabulary.ts';

/** Workfront object codes MCC creates: projects for campaigns, tasks for posts. */
export const WorkfrontObjCode = z.enum(['PROJ', 'TASK']);
export type WorkfrontObjCode = z.infer<typeof WorkfrontObjCode>;

export const WorkfrontLink = z.strictObject({
  objCode: WorkfrontObjCode,
  /** Workfront GUIDs are 32 hex characters; sandboxes may use other opaque IDs. */
  objId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an opaque Workfront object ID'),
  campaignId: Id,
  postId: Id.optional(),
  /** The execution task a Workfront task stands for (execution, issue 15). */
  taskId: Id.optional(),
  url: z.url().optional(),
  /** Workfront's own status code for the object, e.g. `CUR` or `CPL`. */
  status: z.string().max(32).optional(),
  /** Timestamp of the last Workfront event applied, to ignore older redeliveries. */
  lastEventAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime(),
});
export type WorkfrontLink = z.infer<typeof WorkfrontLink>;
