// A member of a tenant's marketing team, as execution planning sees them:
// what they can do, how many hours a week they have, when they are away, and
// who they are in Workfront (so synced tasks carry their assignedToID).
import { z } from 'zod';
import { CalendarDate, Channel, Email, Id } from './vocabulary.ts';

export const DISCIPLINES = ['COPY', 'DESIGN', 'EMAIL_OPS', 'SOCIAL', 'LEGAL', 'ANALYTICS'] as const;
export const Discipline = z.enum(DISCIPLINES);
export type Discipline = z.infer<typeof Discipline>;

/** A skill is a discipline or a channel the member works on. */
export const Skill = z.union([Discipline, Channel]);
export type Skill = z.infer<typeof Skill>;

export const DateRange = z
  .strictObject({ from: CalendarDate, to: CalendarDate })
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] });
export type DateRange = z.infer<typeof DateRange>;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const TeamMemberInput = z.strictObject({
  memberId: Id,
  name: z.string().trim().min(1).max(200),
  email: Email,
  skills: z.array(Skill).min(1).max(20),
  weeklyCapacityHours: z.number().min(0).max(80),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/London'),
  outOfOffice: z.array(DateRange).max(100).default([]),
  /** Workfront USER ID (32 hex characters) tasks are assigned to. */
  workfrontUserId: z.string().regex(/^[0-9a-f]{32}$/, 'must be a Workfront user ID (32 hex characters)').optional(),
});
export type TeamMemberInput = z.input<typeof TeamMemberInput>;

export const TeamMember = TeamMemberInput.extend({
  tenantId: z.string(),
  updatedAt: z.iso.datetime(),
});
export type TeamMember = z.infer<typeof TeamMember>;

/** True when any out-of-office range overlaps [from, to] (inclusive calendar dates). */
export function isAway(member: Pick<TeamMember, 'outOfOffice'>, from: string, to: string): boolean {
  return member.outOfOffice.some((r) => r.from <= to && r.to >= from);
}
