// `npm run eval`: the local assistant against a labeled set — knowledge
// questions (is the expected document first / in the top three of what the
// answer draws on, and does the answer contain the fact?) and scripted
// dialogs (tier stated, slots proposed, outcome). Prints the rates and merges
// them into bench/results.json under `assistant`. Deterministic: the local
// assistant has no randomness and the conversation's "today" is fixed.
//
// Dialogs run through the same decision rule as the sendAgentMessage use case
// (a plain yes/no while an action waits decides it) on in-memory conversation
// state; the GraphQL and DynamoDB path is the e2e test's job.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { LocalAssistant, searchQuery } from '../../functions/adapters/local-assistant/local-assistant.ts';
import { knowledgeAnswer, rankedDocuments } from '../../functions/adapters/local-assistant/knowledge-answer.ts';
import type { AgentAction } from '../../functions/domain/agent-action.ts';
import { newCampaign } from '../../functions/domain/campaign.ts';
import { readConfirmation } from '../../functions/domain/confirmation-reply.ts';
import { searchPlaybooks } from '../../functions/use-cases/search-playbooks.ts';
import { DIALOGS, type ScriptedDialog } from './dialogs.ts';
import { evalWorld, knowledge } from './eval-tools.ts';
import { QUESTIONS } from './questions.ts';

const TODAY = new Date('2026-12-01T12:00:00Z');
const RESULTS = new URL('../../bench/results.json', import.meta.url);
const verbose = process.argv.includes('--verbose');

async function evaluateQuestions() {
  let top1 = 0;
  let top3 = 0;
  let facts = 0;
  const misses: string[] = [];
  for (const q of QUESTIONS) {
    const passages = await searchPlaybooks(knowledge, { query: searchQuery(q.question), maxResults: 10 });
    const documents = rankedDocuments(q.question, passages);
    const answer = knowledgeAnswer(q.question, passages);
    const accepted = new Set([q.document, ...(q.also ?? [])]);
    const hit1 = accepted.has(documents[0] ?? '');
    const hit3 = documents.slice(0, 3).some((d) => accepted.has(d));
    const fact = answer.text.toLowerCase().includes(q.fact.toLowerCase());
    top1 += hit1 ? 1 : 0;
    top3 += hit3 ? 1 : 0;
    facts += fact ? 1 : 0;
    if (!hit1 || !fact) misses.push(`${hit1 ? '' : `[doc ${documents.slice(0, 3).join(', ')}] `}${fact ? '' : `[fact "${q.fact}"] `}${q.question}${verbose ? `\n    ${answer.text.replace(/\n/g, '\n    ')}` : ''}`);
  }
  return { top1, top3, facts, misses };
}

async function runDialog(dialog: ScriptedDialog): Promise<string | undefined> {
  const seed = (dialog.existing ?? []).map((e, i) => {
    const campaign = newCampaign({
      tenantId: 'acme',
      campaignId: `cmp-existing-${i}`,
      brief: {
        name: e.name, type: 'WEBINAR', objective: 'Fill the webinar series', audience: 'Finance analysts', budget: { amount: 30000, currency: 'USD' },
        channels: ['EMAIL', 'LINKEDIN'], launchDate: '2027-06-01', endDate: '2027-07-31', approvers: ['maria.lopez@example.com'], requestedBy: 'sam@example.com',
      },
      now: TODAY,
    });
    return { ...campaign, status: e.status, ...(e.workfrontProjectId ? { workfrontProjectId: e.workfrontProjectId } : {}) };
  });
  const world = evalWorld(() => TODAY, seed);
  const assistant = new LocalAssistant((s) => world.tools(s.tenantId, s.userEmail ?? 'sam@example.com'));
  const session = { tenantId: 'acme', userId: 'sam', userEmail: 'sam@example.com', conversationId: 'conv-eval' };
  let memory: Record<string, unknown> | undefined;
  let pending: AgentAction | undefined;
  let lastProposal: Record<string, unknown> | undefined;
  const replies: string[] = [];
  let n = 0;
  for (const message of dialog.turns) {
    const decision = pending ? readConfirmation(message) : undefined;
    if (pending && decision) {
      const outcome = await assistant.decide({ session, action: { ...pending, status: decision === 'CONFIRM' ? 'CONFIRMED' : 'DENIED' }, confirm: decision === 'CONFIRM', memory, now: TODAY });
      memory = outcome.memory ?? memory;
      pending = undefined;
      replies.push(outcome.text);
      continue;
    }
    const answer = await assistant.answer({ session, message, history: [], memory, pendingAction: pending, now: TODAY });
    memory = answer.memory ?? memory;
    replies.push(answer.text);
    if (answer.proposedAction) {
      lastProposal = { ...answer.proposedAction.parameters };
      pending = {
        conversationId: 'conv-eval', actionId: `act-eval-${n++}`, name: answer.proposedAction.name, summary: answer.proposedAction.summary,
        parameters: lastProposal, status: 'PENDING', proposedAt: TODAY.toISOString(),
      };
    }
  }
  const last = replies[replies.length - 1] ?? '';
  const created = world.campaigns.filter((c) => !c.campaignId.startsWith('cmp-existing-'));
  if (dialog.tier && !replies.some((r) => r.includes(`Tier ${dialog.tier}`))) return `tier ${dialog.tier} never stated`;
  for (const [slot, value] of Object.entries(dialog.slots ?? {})) {
    // Channels are a set: "on LinkedIn and email" and "email and LinkedIn" are the same campaign.
    const norm = (v: unknown) => JSON.stringify(slot === 'channels' && Array.isArray(v) ? [...(v as string[])].sort() : v);
    if (norm(lastProposal?.[slot]) !== norm(value)) return `slot ${slot}: ${JSON.stringify(lastProposal?.[slot])} ≠ ${JSON.stringify(value)}`;
  }
  if (dialog.outcome === 'created' && created.length !== 1) return `${created.length} campaigns created, expected 1`;
  if (dialog.outcome !== 'created' && created.length !== 0) return `${created.length} campaigns created, expected none`;
  if (dialog.expect && !dialog.expect.test(last)) return `last reply lacks ${dialog.expect}: ${last.slice(0, 300)}`;
  return undefined;
}

async function main(): Promise<void> {
  const q = await evaluateQuestions();
  let passed = 0;
  const failures: string[] = [];
  for (const dialog of DIALOGS) {
    const failure = await runDialog(dialog);
    if (failure) failures.push(`${dialog.name}: ${failure}`);
    else passed += 1;
  }
  const rate = (n: number, of: number) => Math.round((n / of) * 1000) / 1000;
  const assistant = {
    questions: QUESTIONS.length,
    dialogs: DIALOGS.length,
    retrievalTop1: rate(q.top1, QUESTIONS.length),
    retrievalTop3: rate(q.top3, QUESTIONS.length),
    factRate: rate(q.facts, QUESTIONS.length),
    dialogPass: rate(passed, DIALOGS.length),
  };
  console.log('Local assistant evaluation');
  console.table(assistant);
  if (q.misses.length > 0) console.log(`Questions missed:\n- ${q.misses.join('\n- ')}`);
  if (failures.length > 0) console.log(`Dialogs failed:\n- ${failures.join('\n- ')}`);
  const results = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(RESULTS, `${JSON.stringify({ ...results, assistant }, null, 2)}\n`);
  console.log(`Wrote bench/results.json (key "assistant").`);
}

await main();
