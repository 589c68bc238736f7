// A post: one planned piece of content and, once generated, its draft.
import { z } from 'zod';
import { CalendarDate, Channel, Id } from './vocabulary.ts';
import { Citation } from './citation.ts';

export const POST_STATUSES = ['PLANNED', 'GENERATED', 'FAILED'] as const;
export const PostStatus = z.enum(POST_STATUSES);
export type PostStatus = z.infer<typeof PostStatus>;

export const PostContent = z.strictObject({
  title: z.string().max(300).optional(),
  body: z.string().min(1).max(20_000),
  /** E-mail only: the three variants the e-mail checklist asks for. */
  subjectLines: z.array(z.string().min(1).max(150)).length(3).optional(),
  callToAction: z.string().min(1).max(200),
  hashtags: z.array(z.string().regex(/^#\w+$/)).max(30).optional(),
});
export type PostContent = z.infer<typeof PostContent>;

export const Post = z.strictObject({
  postId: Id,
  campaignId: Id,
  channel: Channel,
  publishDate: CalendarDate,
  brief: z.string().min(1).max(2000),
  status: PostStatus,
  content: PostContent.optional(),
  citations: z.array(Citation).max(50).default([]),
  failureReason: z.string().max(2000).optional(),
  /** The campaign revision this draft belongs to (0 before any rejection). */
  revision: z.number().int().min(0),
  updatedAt: z.iso.datetime(),
  // --- approvals (issue 16): an approver's edit replaces the content, attributed to them.
  editedBy: z.string().max(254).optional(),
  editedAt: z.iso.datetime().optional(),
});
export type Post = z.infer<typeof Post>;
