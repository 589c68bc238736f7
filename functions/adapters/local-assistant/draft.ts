// The campaign the local assistant is drafting with the user, slot by slot,
// kept in the conversation's memory between turns. Only what the user said
// goes in: a slot the user never filled stays empty and is asked for.
import type { Budget } from '../../domain/campaign-brief.ts';
import type { CampaignType, Channel } from '../../domain/vocabulary.ts';

export interface Draft {
  name?: string;
  type?: CampaignType;
  objective?: string;
  audience?: string;
  budget?: Budget;
  channels?: Channel[];
  launchDate?: string;
  endDate?: string;
  approvers?: string[];
}

export type Slot = keyof Draft;

/** The order the assistant asks in: what decides the tier first, the rest after. */
export const SLOT_ORDER: readonly Slot[] = ['name', 'type', 'budget', 'channels', 'launchDate', 'endDate', 'audience', 'objective', 'approvers'];

export const QUESTIONS: Readonly<Record<Slot, string>> = {
  name: 'What should the campaign be called?',
  type: 'What kind of campaign is it (product launch, flagship event, event, webinar, e-mail, social, partner or content)?',
  budget: 'What is the budget, with its currency (for example $30,000 or 30k EUR)?',
  channels: 'Which channels should it run on (e-mail, blog, LinkedIn, X, Instagram, Facebook — or all channels)?',
  launchDate: 'When should it launch?',
  endDate: 'When should it end (a date, or how long it runs, e.g. "for 4 weeks")?',
  audience: 'Who is the audience?',
  objective: 'What is the objective (what should it achieve)?',
  approvers: 'Who approves it? Give me their e-mail addresses.',
};

export function missingSlots(draft: Draft): Slot[] {
  return SLOT_ORDER.filter((slot) => {
    const value = draft[slot];
    return value === undefined || (Array.isArray(value) && value.length === 0);
  });
}

/** The draft as the createCampaign input (the GraphQL field names), once nothing is missing. */
export function draftInput(draft: Draft): Record<string, unknown> {
  return {
    name: draft.name,
    type: draft.type,
    objective: draft.objective,
    targetAudience: draft.audience,
    budget: draft.budget,
    channels: draft.channels,
    launchDate: draft.launchDate,
    endDate: draft.endDate,
    approvers: draft.approvers,
  };
}

/** Later values win; `addChannels` / `addApprovers` extend instead of replacing. */
export function mergeDraft(draft: Draft, update: Draft, extend: { channels: boolean; approvers: boolean }): Draft {
  const next: Draft = { ...draft };
  for (const slot of SLOT_ORDER) {
    const value = update[slot];
    if (value === undefined) continue;
    if (slot === 'channels' && extend.channels && draft.channels) next.channels = [...new Set([...draft.channels, ...(value as Channel[])])];
    else if (slot === 'approvers' && extend.approvers && draft.approvers) next.approvers = [...new Set([...draft.approvers, ...(value as string[])])];
    else (next as Record<string, unknown>)[slot] = value;
  }
  return next;
}
