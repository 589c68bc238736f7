// The closed vocabularies a brief is written in. The playbooks in
// knowledge-content/ use the same tokens in their `applies-to` front matter.
import { z } from 'zod';

export const CAMPAIGN_TYPES = [
  'PRODUCT_LAUNCH',
  'FLAGSHIP_EVENT',
  'EVENT',
  'WEBINAR',
  'EMAIL',
  'SOCIAL',
  'PARTNER',
  'CONTENT',
] as const;
export const CampaignType = z.enum(CAMPAIGN_TYPES);
export type CampaignType = z.infer<typeof CampaignType>;

export const CHANNELS = ['EMAIL', 'BLOG', 'LINKEDIN', 'X', 'INSTAGRAM', 'FACEBOOK'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Currencies finance publishes planning rates for (see playbooks/campaign-tiers.md). */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD'] as const;
export const Currency = z.enum(CURRENCIES);
export type Currency = z.infer<typeof Currency>;

/**
 * Tenant and entity IDs end up inside DynamoDB keys joined by `#`; a closed
 * alphabet without `#` keeps every key injective, so no ID can spell another
 * tenant's key.
 */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'must be 1-128 letters, digits, or . _ : - (starting with a letter or digit)');
export const TenantId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lowercase letters, digits or hyphens (starting with a letter or digit)');
export type TenantId = z.infer<typeof TenantId>;

/** A calendar date, `YYYY-MM-DD`, as marketers plan in days not instants. */
export const CalendarDate = z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' });

export const Email = z.email({ message: 'must be an e-mail address' }).max(254);
