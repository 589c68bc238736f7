// What is stored about a campaign's timeline besides its tasks: the critical
// path and slip, and the campaign's calendar entry (audience, dates, posts)
// that the schedule's conflict checks read without opening the campaign.
import { z } from 'zod';
import { CalendarDate, Channel, Id } from './vocabulary.ts';

export const TimelineRecord = z.strictObject({
  campaignId: Id,
  name: z.string().min(1),
  audience: z.string(),
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  launchDate: CalendarDate,
  endDate: CalendarDate,
  requestedAt: z.iso.datetime(),
  startDate: CalendarDate,
  criticalPath: z.array(Id),
  slipDays: z.number().int().min(0),
  /** The campaign revision the timeline was generated from. */
  revision: z.number().int().min(0),
  posts: z.array(z.strictObject({ postId: Id, channel: Channel, publishDate: CalendarDate })).max(1000),
  generatedAt: z.iso.datetime(),
});
export type TimelineRecord = z.infer<typeof TimelineRecord>;

export const ScheduleSettings = z.strictObject({
  blackoutDates: z.array(CalendarDate).max(366),
  updatedAt: z.iso.datetime(),
});
export type ScheduleSettings = z.infer<typeof ScheduleSettings>;
