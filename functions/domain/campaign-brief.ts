// The campaign brief: what a marketer asks for. This schema is the boundary
// check for every entry point (EventBridge, GraphQL, the agent).
import { z } from 'zod';
import { CalendarDate, CampaignType, Channel, Currency, Email } from './vocabulary.ts';
import { parseOrThrow } from './validate.ts';
import { daysBetween } from './calendar.ts';
import { multiLine, singleLine } from './plain-text.ts';

/** Longest campaign window the planner will spread posts over. */
export const MAX_CAMPAIGN_DAYS = 366;


export const Budget = z.strictObject({
  amount: z.number().finite().positive().max(1_000_000_000),
  currency: Currency,
});
export type Budget = z.infer<typeof Budget>;

export const CampaignBrief = z
  .strictObject({
    name: singleLine(3, 120),
    type: CampaignType,
    objective: multiLine(10, 2000),
    audience: singleLine(3, 500),
    budget: Budget,
    channels: z
      .array(Channel)
      .min(1)
      .max(6)
      .refine((c) => new Set(c).size === c.length, 'must not repeat a channel'),
    launchDate: CalendarDate,
    endDate: CalendarDate,
    approvers: z
      .array(Email)
      .min(1)
      .max(10)
      .refine((a) => new Set(a.map((e) => e.toLowerCase())).size === a.length, 'must not repeat an approver'),
    requestedBy: Email,
  })
  .superRefine((brief, ctx) => {
    const days = daysBetween(brief.launchDate, brief.endDate);
    if (days < 0) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before launchDate' });
    } else if (days > MAX_CAMPAIGN_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: `must be within ${MAX_CAMPAIGN_DAYS} days of launchDate` });
    }
  });
export type CampaignBrief = z.infer<typeof CampaignBrief>;

export function parseBrief(input: unknown): CampaignBrief {
  return parseOrThrow(CampaignBrief, input, 'campaign brief');
}
