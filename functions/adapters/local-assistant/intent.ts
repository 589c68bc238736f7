// What a message asks for: create (or keep drafting) a campaign, a campaign's
// status, a list of campaigns, a question for the playbooks, or small talk.
// Deterministic rules, checked in order; the draft in progress tips an
// ambiguous message ("make it $40k") towards drafting.
import { CampaignStatus } from '../../domain/campaign-status.ts';

export type Intent = 'create' | 'status' | 'list' | 'question' | 'smalltalk' | 'cancel';

const CREATE = /\b(?:create|new|set up|setup|start|plan|build|make|draft|run|organi[sz]e|want|need|launch)\b[^.?!]*\bcampaign\b|\bcreate (?:it|this|one)\b|\bcampaign for\b/i;
const STATUS = /\bstatus\b|\bwhere (?:is|are)\b|\bhow is\b[^.?!]*\b(?:going|doing)\b|\bprogress\b|\bwhat(?:'s| is) happening\b|\bis\b[^.?!]*\b(?:approved|synced|live|done|ready)\b/i;
const LIST = /\b(?:list|show|which|what|any|all|my)\b[^.?!]*\bcampaigns\b/i;
const SMALLTALK = /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks?(?: you)?|thank you|cheers|who are you|what can you do|help)\b[\s!.?,]*(?:there|again|so much|a lot)?[\s!.?]*$/i;
const CANCEL_DRAFT = /\b(?:forget it|start over|scrap (?:it|that|the draft)|discard (?:it|the draft)|cancel (?:the|this) draft)\b/i;
const QUESTION_WORDS = /^(?:what|how|when|who|which|why|where|is|are|do|does|can|should|must|may|tell me|explain)\b/i;

export function intentOf(message: string, drafting: boolean, draftSlotsInMessage: number): Intent {
  const text = message.trim();
  if (SMALLTALK.test(text)) return 'smalltalk';
  if (CANCEL_DRAFT.test(text)) return 'cancel';
  if (/\bcmp-[A-Za-z0-9_.:-]+/.test(text)) return 'status';
  if (STATUS.test(text) && !/\bcampaigns\b/i.test(text)) return 'status';
  if (LIST.test(text) && !CREATE.test(text)) return 'list';
  if (CREATE.test(text) && !/^(?:what|how|when|who|which|why|where)\b/i.test(text)) return 'create';
  if (drafting && draftSlotsInMessage > 0) return 'create';
  if (drafting && !QUESTION_WORDS.test(text) && !text.endsWith('?')) return 'create';
  return 'question';
}

/** A campaign status named in words ("awaiting approval", "failed", "synced"). */
export function statusIn(message: string): CampaignStatus | undefined {
  const text = message.toLowerCase();
  const words: readonly [RegExp, CampaignStatus][] = [
    [/awaiting approval|waiting for approval|pending approval|to approve|need(?:s|ing)? approval/, 'AWAITING_APPROVAL'],
    [/\bsynced\b|in workfront|\blive\b/, 'SYNCED'],
    [/\bfailed\b/, 'FAILED'],
    [/\brejected\b/, 'REJECTED'],
    [/\bexpired\b/, 'EXPIRED'],
    [/\bapproved\b/, 'APPROVED'],
    [/\bplanning\b/, 'PLANNING'],
    [/\bgenerating\b|being drafted/, 'GENERATING'],
    [/\brequested\b/, 'REQUESTED'],
  ];
  for (const status of CampaignStatus.options) if (new RegExp(`\\b${status.toLowerCase()}\\b`).test(text)) return status;
  return words.find(([pattern]) => pattern.test(text))?.[1];
}

/** The campaign a status question names: "the status of the Summer analytics webinar series campaign" → its name. */
export function campaignNameIn(message: string): string | undefined {
  const patterns = [
    /\bstatus of (?:the |my |our )?["“]?(.+?)["”]?(?: campaign)?\s*[?.!]*$/i,
    /\b(?:where|how) is (?:the |my |our )?["“]?(.+?)["”]?(?: campaign)?(?: going| doing| at)?\s*[?.!]*$/i,
    /\bis (?:the |my |our )?["“]?(.+?)["”]?(?: campaign)? (?:approved|synced|live|done|ready)\b/i,
    /["“]([^"”]{3,120})["”]/,
  ];
  for (const pattern of patterns) {
    const name = pattern.exec(message.trim())?.[1]?.trim();
    if (name && name.length >= 3 && !/^(?:it|this|that|this campaign|that campaign|my campaign)$/i.test(name)) return name;
  }
  return undefined;
}
