// The local campaign assistant (AGENT_PROVIDER=local): a deterministic
// conversation behind the same port as the Bedrock assistant agent. It fills
// a campaign draft from free text across turns, asks for what is missing (one
// or two questions at a time), states the tier with the playbook rule, and
// proposes createCampaign for confirmation — it never creates on its own.
// Every look-up and the creation go through the assistant's tools, which are
// bound to the session's tenant and user: the message cannot name another.
import { z } from 'zod';
import type { Campaign } from '../../domain/campaign.ts';
import { readConfirmation } from '../../domain/confirmation-reply.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { AssistantTools } from '../../ports/assistant-tools.ts';
import type { ActionAnswer, ActionOutcome, AgentAnswer, AssistantSession, ConversationAgent, ConversationTurn } from '../../ports/conversation-agent.ts';
import { briefFromInput } from '../../use-cases/create-campaign.ts';
import type { Classification } from '../../use-cases/classify-campaign.ts';
import { endAfter } from './dates.ts';
import { draftInput, mergeDraft, missingSlots, QUESTIONS, type Draft } from './draft.ts';
import { campaignNameIn, intentOf, statusIn } from './intent.ts';
import { isStepsQuestion, knowledgeAnswer } from './knowledge-answer.ts';
import { parseSlots, typeOf } from './slots.ts';

const Memory = z.looseObject({
  draft: z.record(z.string(), z.unknown()).optional(),
  drafting: z.boolean().optional(),
  lastCampaignId: z.string().optional(),
});
interface Memory {
  [key: string]: unknown;
  draft?: Draft;
  drafting?: boolean;
  lastCampaignId?: string;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  PRODUCT_LAUNCH: 'product launch', FLAGSHIP_EVENT: 'flagship event', EVENT: 'event', WEBINAR: 'webinar',
  EMAIL: 'e-mail', SOCIAL: 'social', PARTNER: 'partner', CONTENT: 'content',
};
const CHANNEL_WORDS: Readonly<Record<string, string>> = { EMAIL: 'e-mail', BLOG: 'blog', LINKEDIN: 'LinkedIn', X: 'X', INSTAGRAM: 'Instagram', FACEBOOK: 'Facebook' };
const STATUS_WORDS: Readonly<Record<string, string>> = {
  REQUESTED: 'requested and waiting to be planned',
  PLANNING: 'being planned',
  GENERATING: 'having its posts drafted',
  AWAITING_APPROVAL: 'awaiting approval',
  APPROVED: 'approved and about to be synced to Workfront',
  SYNCING: 'being synced to Workfront',
  SYNCED: 'synced to Workfront',
  REJECTED: 'rejected',
  EXPIRED: 'expired (no approval decision in time)',
  FAILED: 'failed',
};
const OVERRIDE = /\b(?:ignore (?:the|all|your|previous)? ?(?:rules|instructions)|skip (?:the )?confirm\w*|without (?:asking|confirm\w*)|right now|create it now|no need to (?:ask|confirm))\b/i;
const OTHER_TENANT = /\b(?:tenant|workspace|organi[sz]ation|account)\s+["“]?([a-z0-9][a-z0-9-]{0,62})\b/i;

function money(budget: { amount: number; currency: string }): string {
  const amount = budget.amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return budget.currency === 'USD' ? `$${amount}` : `${amount} ${budget.currency}`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function tierSentence(c: Classification): string {
  const lead = c.leadTime
    ? c.leadTime.met
      ? ` The launch date leaves ${c.leadTime.availableDays} days, which meets the minimum lead time (${c.leadTime.rule}).`
      : ` Heads-up: the launch date leaves only ${c.leadTime.availableDays} days — inside the minimum lead time. ${c.leadTime.rule}; the approver can move the date, reduce scope or accept the risk.`
    : '';
  return `That makes it Tier ${c.tier} (${c.label}) — ${c.reasons.join('; ')} — so it needs ${approvalWords(c.approvalLevel)} approval (Source: ${c.citation.title}).${lead}`;
}

export class LocalAssistant implements ConversationAgent {
  readonly #toolsFor: (session: AssistantSession) => AssistantTools;

  constructor(toolsFor: (session: AssistantSession) => AssistantTools) {
    this.#toolsFor = toolsFor;
  }

  async answer(turn: ConversationTurn): Promise<AgentAnswer> {
    const tools = this.#toolsFor(turn.session);
    const memory = Memory.parse(turn.memory ?? {}) as Memory;
    const slots = parseSlots(turn.message, turn.now);
    const slotCount = Object.keys(slots.draft).length + (slots.dates.launchDate || slots.dates.endDate || slots.dates.unlabeled.length || slots.dates.durationDays ? 1 : 0);
    const intent = intentOf(turn.message, memory.drafting === true, slotCount);
    const guard = this.#guardNote(turn);
    if (!turn.pendingAction && readConfirmation(turn.message) && !memory.drafting) {
      return { text: 'There is nothing waiting for your confirmation. Tell me about the campaign you want, or ask me a question.', citations: [], memory: { ...memory } };
    }

    switch (intent) {
      case 'smalltalk':
        return {
          text: /thank|cheers/i.test(turn.message)
            ? 'You’re welcome. Anything else — a new campaign, a status check, or a question about the playbooks?'
            : 'Hi! I’m the campaign assistant. I can create a campaign with you (I’ll ask for what I need and confirm before creating it), tell you where a campaign stands, list campaigns, and answer questions from the playbooks.',
          citations: [],
          memory: { ...memory },
        };
      case 'cancel':
        return { text: 'Done — I’ve discarded the draft. Nothing was created.', citations: [], memory: { ...memory, draft: {}, drafting: false } };
      case 'status':
        return this.#status(tools, turn.message, memory);
      case 'list':
        return this.#list(tools, turn.message, memory);
      case 'create':
        return this.#draft(tools, turn, memory, slots, guard);
      default:
        return this.#question(tools, turn.message, memory, slots);
    }
  }

  async decide(answer: ActionAnswer): Promise<ActionOutcome> {
    const memory = Memory.parse(answer.memory ?? {}) as Memory;
    if (!answer.confirm) {
      return {
        text: 'OK — I haven’t created anything. Tell me what to change (for example “make it $40k” or “launch on April 6”), or say “start over”.',
        citations: [],
        memory: { ...memory, drafting: true },
      };
    }
    const tools = this.#toolsFor(answer.session);
    if (answer.action.name !== 'createCampaign') throw new ValidationError('action', [{ field: 'name', message: `${answer.action.name} is not a tool I have` }]);
    const campaign = await tools.createCampaign(answer.action.actionId, answer.action.parameters);
    return {
      text:
        `Done: I’ve requested “${campaign.brief.name}” (campaign ${campaign.campaignId}), Tier ${campaign.tier} with ${approvalWords(campaign.approvalLevel)} approval. ` +
        `It is planned and its posts drafted next; then ${list(campaign.brief.approvers)} get an approval e-mail, and once approved its Workfront project is created. Ask me for its status any time.`,
      citations: [],
      result: { campaignId: campaign.campaignId },
      memory: { draft: {}, drafting: false, lastCampaignId: campaign.campaignId },
    };
  }

  /** The tenant comes from sign-in and confirmation is never skipped, whatever the message says. */
  #guardNote(turn: ConversationTurn): string {
    const notes: string[] = [];
    const named = OTHER_TENANT.exec(turn.message)?.[1];
    if (named && named !== turn.session.tenantId) notes.push(`I can only work in your own workspace (${turn.session.tenantId}), so I can’t act for “${named}”.`);
    if (OVERRIDE.test(turn.message)) notes.push('I always ask for your confirmation before creating anything.');
    return notes.join(' ');
  }

  async #draft(tools: AssistantTools, turn: ConversationTurn, memory: Memory, slots: ReturnType<typeof parseSlots>, guard: string): Promise<AgentAnswer> {
    const previous: Draft = memory.drafting ? { ...(memory.draft ?? {}) } : {};
    let draft = mergeDraft(previous, slots.draft, { channels: slots.extend, approvers: slots.extend });
    const { dates } = slots;
    if (dates.launchDate) draft.launchDate = dates.launchDate;
    if (dates.endDate) draft.endDate = dates.endDate;
    for (const date of dates.unlabeled) {
      if (!draft.launchDate || (dates.launchDate === undefined && !previous.launchDate)) draft.launchDate ??= date;
      else if (!draft.endDate || dates.endDate === undefined) draft.endDate = date === draft.launchDate ? draft.endDate : date;
    }
    if (dates.durationDays && draft.launchDate) draft.endDate = endAfter(draft.launchDate, dates.durationDays);
    draft = { ...draft };

    const parts: string[] = [];
    if (guard) parts.push(guard);
    const changed = Object.keys(slots.draft).length > 0 || dates.launchDate || dates.endDate || dates.unlabeled.length > 0;
    if (!memory.drafting) parts.push(`Let’s set up ${draft.type ? `this ${TYPE_WORDS[draft.type]} campaign` : 'the campaign'}.`);
    else if (changed) parts.push('Got it — I’ve updated the draft.');

    const citations = [];
    if (draft.type && draft.budget && draft.channels?.length) {
      const classification = tools.classifyCampaign({ type: draft.type, budget: draft.budget, channels: draft.channels, ...(draft.launchDate ? { launchDate: draft.launchDate } : {}) });
      parts.push(tierSentence(classification));
      citations.push(classification.citation);
    }

    const missing = missingSlots(draft);
    const next: Memory = { ...memory, draft, drafting: true };
    if (slots.budgetWithoutCurrency && !draft.budget) parts.push('Which currency is that budget in (USD, EUR, GBP, CAD or AUD)?');
    if (missing.length > 0) {
      const ask = missing.slice(0, 2).map((slot) => QUESTIONS[slot]);
      parts.push(ask.join(' '));
      return { text: parts.join(' '), citations, memory: next };
    }

    const input = draftInput(draft);
    try {
      briefFromInput(input, turn.session.userEmail ?? 'unknown@invalid.example');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      parts.push(`Before I can create it, please fix: ${error.issues.map((i) => `${i.field} ${i.message}`).join('; ')}.`);
      return { text: parts.join(' '), citations, memory: next };
    }
    const summary =
      `Create “${draft.name}”: ${article(TYPE_WORDS[draft.type ?? ''] ?? '')} ${TYPE_WORDS[draft.type ?? ''] ?? ''} campaign for ${draft.audience} to ${lowerFirst(draft.objective ?? '')}, ` +
      `${money(draft.budget ?? { amount: 0, currency: 'USD' })} on ${list((draft.channels ?? []).map((c) => CHANNEL_WORDS[c] ?? c))}, ` +
      `from ${draft.launchDate} to ${draft.endDate}, approved by ${list(draft.approvers ?? [])}.`;
    parts.push(`Here is the campaign: ${summary} Shall I create it (and its Workfront project once approved)? Answer yes, or tell me what to change.`);
    return {
      text: parts.join(' '),
      citations,
      memory: next,
      proposedAction: { name: 'createCampaign', summary, parameters: input },
    };
  }

  async #status(tools: AssistantTools, message: string, memory: Memory): Promise<AgentAnswer> {
    const id = /\bcmp-[A-Za-z0-9_.:-]+/.exec(message)?.[0]?.replace(/[.:]+$/, '');
    const name = id ? undefined : campaignNameIn(message);
    let campaign: Campaign | undefined;
    if (id) campaign = await tools.getCampaign(id);
    else if (name) campaign = (await tools.findCampaigns({ name: name.slice(0, 200), limit: 1 }))[0];
    else if (memory.lastCampaignId) campaign = await tools.getCampaign(memory.lastCampaignId);
    if (!campaign) {
      return {
        text: id || name ? `I couldn’t find a campaign ${id ? id : `called “${name}”`} in your workspace. Try its exact name or campaign ID, or ask me to list your campaigns.` : 'Which campaign? Give me its name or campaign ID.',
        citations: [],
        memory: { ...memory },
      };
    }
    const parts = [`“${campaign.brief.name}” (${campaign.campaignId}) is ${campaign.status}: ${STATUS_WORDS[campaign.status] ?? campaign.status.toLowerCase()}.`];
    if (campaign.statusReason) parts.push(`Reason: ${campaign.statusReason}.`);
    if (campaign.workfrontProjectId) {
      const project = await tools.getWorkfrontProjectStatus(campaign.campaignId);
      parts.push(`Its Workfront project is ${campaign.workfrontProjectId}${project?.url ? ` (${project.url})` : ''}.`);
    }
    parts.push(`Tier ${campaign.tier}, launching ${campaign.brief.launchDate}, ending ${campaign.brief.endDate}.`);
    return { text: parts.join(' '), citations: [], memory: { ...memory, lastCampaignId: campaign.campaignId } };
  }

  async #list(tools: AssistantTools, message: string, memory: Memory): Promise<AgentAnswer> {
    const status = statusIn(message);
    const found = await tools.findCampaigns({ ...(status ? { status } : {}), limit: 10 });
    if (found.length === 0) return { text: `You have no campaigns${status ? ` in ${status}` : ''} yet.`, citations: [], memory: { ...memory } };
    const lines = found.map((c) => `- “${c.brief.name}” (${c.campaignId}): ${c.status}, Tier ${c.tier}, launching ${c.brief.launchDate}`);
    return { text: `Your ${status ? `${status} ` : ''}campaigns, newest first:\n${lines.join('\n')}`, citations: [], memory: { ...memory } };
  }

  async #question(tools: AssistantTools, message: string, memory: Memory, slots: ReturnType<typeof parseSlots>): Promise<AgentAnswer> {
    const type = slots.draft.type ?? typeOf(message);
    // "What tier is a $30,000 webinar on e-mail and LinkedIn?" is answered by the rules themselves.
    if (/\btier\b|\bapprov/i.test(message) && type && slots.draft.budget && slots.draft.channels) {
      const c = tools.classifyCampaign({ type, budget: slots.draft.budget, channels: slots.draft.channels, ...(slots.dates.launchDate ? { launchDate: slots.dates.launchDate } : {}) });
      return { text: tierSentence(c).replace(/^That makes it/, 'That campaign is'), citations: [c.citation], memory: { ...memory } };
    }
    const passages = await tools.searchPlaybooks({ query: searchQuery(message), maxResults: 10 });
    const reply = knowledgeAnswer(message, passages);
    return { text: reply.text, citations: reply.citations, memory: { ...memory } };
  }
}

/** Steps questions look for the phases of a playbook as well as the words asked. */
export function searchQuery(message: string): string {
  const query = message.slice(0, 900);
  return isStepsQuestion(message) ? `${query} phase` : query;
}

function approvalWords(level: string): string {
  return level === 'VP' ? 'VP' : level.toLowerCase();
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
