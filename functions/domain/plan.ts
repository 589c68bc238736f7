// The post plan the planner returns: which post goes out where and when.
// Issue-level validation against the brief (window, channels) lives with the
// planner; this is the shape every planner output must have.
import { z } from 'zod';
import { CalendarDate, Channel, Id } from './vocabulary.ts';

export const PlannedPost = z.strictObject({
  postId: Id,
  channel: Channel,
  publishDate: CalendarDate,
  brief: z.string().trim().min(10).max(2000),
});
export type PlannedPost = z.infer<typeof PlannedPost>;

export const Plan = z.strictObject({
  summary: z.string().trim().min(1).max(4000),
  posts: z
    .array(PlannedPost)
    .min(1)
    .max(200)
    .refine((p) => new Set(p.map((x) => x.postId)).size === p.length, 'post IDs must be unique'),
});
export type Plan = z.infer<typeof Plan>;
