// The GraphQL resolver Lambda against DynamoDB Local and a recording
// EventBridge endpoint: campaign queries and mutations, tenant isolation,
// errors named for AppSync, approvals, the agent conversation and the
// IAM-only publish path.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_REQUESTED } from '../../functions/workflow/contracts.ts';
import { aBrief, aCampaign, NOW } from '../support/fixtures.ts';
import { aPost } from '../support/posts.ts';
import { campaignIn } from '../support/campaign-in-status.ts';
import { appsyncEvent, cognito, IAM_BACKEND, startHarness, type Harness } from './resolver-harness.ts';

function createInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { audience, ...brief } = aBrief();
  return { ...brief, targetAudience: audience, requestedBy: undefined, ...overrides };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected the resolver to throw');
}

describe('GraphQL resolver', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.events.close();
  });

  describe('createCampaign', () => {
    it('returns the campaign in REQUESTED and puts exactly one Campaign Build Requested event with the same ID', async () => {
      const before = h.events.entries.length;
      const identity = cognito({ tenantId: 'acme', email: 'sam.taylor@example.com' });
      const result = (await h.resolve(appsyncEvent('Mutation', 'createCampaign', { input: createInput() }, identity))) as Record<string, unknown>;

      expect(result).toMatchObject({ status: 'REQUESTED', name: aBrief().name, tier: 3, targetAudience: aBrief().audience, description: aBrief().objective });
      const put = h.events.entries.slice(before);
      expect(put).toHaveLength(1);
      expect(put[0]).toMatchObject({ EventBusName: 'mcc', Source: BUILD_REQUESTED.source, DetailType: BUILD_REQUESTED.detailType });
      const detail = JSON.parse(put[0]?.Detail ?? '{}') as Record<string, unknown>;
      expect(detail).toEqual({ tenantId: 'acme', campaignId: result.campaignId, brief: { ...aBrief(), requestedBy: 'sam.taylor@example.com' } });
    });

    it('refuses an invalid brief with a ValidationError naming the API fields, and puts nothing', async () => {
      const before = h.events.entries.length;
      const error = await rejection(
        h.resolve(appsyncEvent('Mutation', 'createCampaign', { input: createInput({ targetAudience: 'x', budget: { amount: -5, currency: 'USD' } }) }, cognito({ tenantId: 'acme' }))),
      );
      expect(error.name).toBe('ValidationError');
      expect(error.message).toContain('targetAudience');
      expect(error.message).toContain('budget.amount');
      expect(h.events.entries.length).toBe(before);
    });

    it('is for marketers only', async () => {
      const error = await rejection(h.resolve(appsyncEvent('Mutation', 'createCampaign', { input: createInput() }, cognito({ tenantId: 'acme', groups: ['approvers'] }))));
      expect(error.name).toBe('Unauthorized');
    });
  });

  describe('reads', () => {
    it('getCampaign maps the domain, with posts and the approval only when selected', async () => {
      const campaign = aCampaign({ tenantId: 'reads', campaignId: 'cmp-read' });
      await h.campaigns.create(campaign);
      await h.campaigns.putPosts('reads', 'cmp-read', [aPost('cmp-read', 2, { publishDate: '2027-02-20' }), aPost('cmp-read', 1)]);
      const identity = cognito({ tenantId: 'reads' });

      const bare = (await h.resolve(appsyncEvent('Query', 'getCampaign', { id: 'cmp-read' }, identity, ['campaignId', 'name']))) as Record<string, unknown>;
      expect(bare).toMatchObject({ campaignId: 'cmp-read', posts: null, approval: null, budget: campaign.brief.budget, channels: ['EMAIL'] });

      const full = (await h.resolve(appsyncEvent('Query', 'getCampaign', { id: 'cmp-read' }, identity, ['posts', 'posts/postId', 'approval']))) as {
        posts: { postId: string }[];
      };
      expect(full.posts.map((p) => p.postId)).toEqual(['post-001', 'post-002']);
    });

    it('never lets one tenant read or list another tenant’s campaign, whatever the interleaving', async () => {
      let round = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ tenant: fc.constantFrom('t-a', 't-b', 't-c'), id: fc.constantFrom('c1', 'c2', 'c3') }), { minLength: 1, maxLength: 6 }),
          async (writes) => {
            round += 1;
            const tenants = writes.map((w) => ({ tenantId: `${w.tenant}-${round}`, campaignId: w.id }));
            const unique = [...new Map(tenants.map((t) => [`${t.tenantId}/${t.campaignId}`, t])).values()];
            for (const t of unique) await h.campaigns.create(aCampaign(t));
            for (const reader of new Set(unique.map((t) => t.tenantId))) {
              const identity = cognito({ tenantId: reader });
              const page = (await h.resolve(appsyncEvent('Query', 'listCampaigns', { limit: 100 }, identity))) as { items: { campaignId: string }[] };
              const own = unique.filter((t) => t.tenantId === reader).map((t) => t.campaignId);
              expect(page.items.map((c) => c.campaignId).sort()).toEqual([...own].sort());
              for (const other of unique.filter((t) => t.tenantId !== reader)) {
                const seen = await h.resolve(appsyncEvent('Query', 'getCampaign', { id: other.campaignId }, identity));
                if (!own.includes(other.campaignId)) expect(seen).toBeNull();
                else expect((seen as { campaignId: string }).campaignId).toBe(other.campaignId);
              }
            }
          },
        ),
        { numRuns: 15 },
      );
    }, 90_000);

    it('lists by status and pages with opaque tokens that another tenant cannot use', async () => {
      for (let i = 0; i < 5; i += 1) {
        await h.campaigns.create(aCampaign({ tenantId: 'pager', campaignId: `p-${i}`, now: new Date(NOW.getTime() + i * 1000) }));
      }
      await h.campaigns.transition('pager', 'p-1', { to: 'PLANNING', now: NOW });
      const identity = cognito({ tenantId: 'pager' });

      const planning = (await h.resolve(appsyncEvent('Query', 'listCampaigns', { status: 'PLANNING' }, identity))) as { items: { campaignId: string }[] };
      expect(planning.items.map((c) => c.campaignId)).toEqual(['p-1']);

      const seen: string[] = [];
      let nextToken: string | null = null;
      do {
        const page = (await h.resolve(appsyncEvent('Query', 'listCampaigns', { limit: 2, nextToken }, identity))) as {
          items: { campaignId: string }[];
          nextToken: string | null;
        };
        seen.push(...page.items.map((c) => c.campaignId));
        nextToken = page.nextToken;
        if (nextToken) {
          const stolen = await rejection(h.resolve(appsyncEvent('Query', 'listCampaigns', { limit: 2, nextToken }, cognito({ tenantId: 'thief' }))));
          expect(stolen.name).toBe('ValidationError');
        }
      } while (nextToken);
      expect(seen).toEqual(['p-4', 'p-3', 'p-2', 'p-1', 'p-0']);
    });

    it('refuses a caller without a tenant claim, and an IAM caller on people’s fields', async () => {
      const noTenant = { ...cognito({ tenantId: 'acme' }), claims: { sub: 'x' } };
      expect((await rejection(h.resolve(appsyncEvent('Query', 'listCampaigns', {}, noTenant)))).name).toBe('Unauthorized');
      expect((await rejection(h.resolve(appsyncEvent('Query', 'listCampaigns', {}, IAM_BACKEND)))).name).toBe('Unauthorized');
      expect((await rejection(h.resolve(appsyncEvent('Query', 'listCampaigns', {}, undefined)))).name).toBe('Unauthorized');
    });
  });

  describe('updateCampaign and cancelCampaign', () => {
    it('edits the descriptive fields and announces the change', async () => {
      await h.campaigns.create(aCampaign({ tenantId: 'edits', campaignId: 'cmp-e' }));
      const before = h.events.entries.length;
      const result = (await h.resolve(
        appsyncEvent('Mutation', 'updateCampaign', { id: 'cmp-e', input: { name: 'Renamed webinar series', targetAudience: 'CFOs in Europe' } }, cognito({ tenantId: 'edits' })),
      )) as Record<string, unknown>;
      expect(result).toMatchObject({ name: 'Renamed webinar series', targetAudience: 'CFOs in Europe', objective: aBrief().objective });
      expect((await h.campaigns.require('edits', 'cmp-e')).brief.audience).toBe('CFOs in Europe');
      expect(h.events.entries.slice(before).map((e) => e.DetailType)).toEqual(['Campaign Updated']);

      const invalid = await rejection(h.resolve(appsyncEvent('Mutation', 'updateCampaign', { id: 'cmp-e', input: { targetAudience: 'x' } }, cognito({ tenantId: 'edits' }))));
      expect(invalid.name).toBe('ValidationError');
      expect(invalid.message).toContain('targetAudience');
    });

    it('refuses edits while approvers review the campaign, and changes nothing (issue 21)', async () => {
      await campaignIn(h.campaigns, 'AWAITING_APPROVAL', { tenantId: 'edits', campaignId: 'cmp-review' });
      const before = await h.campaigns.require('edits', 'cmp-review');
      const events = h.events.entries.length;
      const refused = await rejection(
        h.resolve(appsyncEvent('Mutation', 'updateCampaign', { id: 'cmp-review', input: { objective: 'Something the approvers never saw at all' } }, cognito({ tenantId: 'edits' }))),
      );
      expect(refused.name).toBe('Conflict');
      expect(refused.message).toContain('AWAITING_APPROVAL');
      expect(await h.campaigns.require('edits', 'cmp-review')).toEqual(before);
      expect(h.events.entries.length).toBe(events);
    });

    it('refuses a name with a line break or escape sequence, naming the field (issue 21)', async () => {
      await h.campaigns.create(aCampaign({ tenantId: 'edits', campaignId: 'cmp-ctl' }));
      for (const name of ['Spring\r\nBcc: everyone@example.com', 'Spring \u001b[2J launch']) {
        const refused = await rejection(h.resolve(appsyncEvent('Mutation', 'updateCampaign', { id: 'cmp-ctl', input: { name } }, cognito({ tenantId: 'edits' }))));
        expect(refused.name).toBe('ValidationError');
        expect(refused.message).toContain('name');
      }
      expect((await h.campaigns.require('edits', 'cmp-ctl')).brief.name).toBe(aBrief().name);
    });

    it('cancels a campaign in flight as FAILED with who cancelled; another tenant gets NotFound', async () => {
      await h.campaigns.create(aCampaign({ tenantId: 'cancel', campaignId: 'cmp-c' }));
      const other = await rejection(h.resolve(appsyncEvent('Mutation', 'cancelCampaign', { id: 'cmp-c' }, cognito({ tenantId: 'intruder' }))));
      expect(other.name).toBe('NotFound');

      const result = (await h.resolve(
        appsyncEvent('Mutation', 'cancelCampaign', { id: 'cmp-c', reason: 'budget moved' }, cognito({ tenantId: 'cancel', email: 'ana@example.com' })),
      )) as Record<string, unknown>;
      expect(result).toMatchObject({ status: 'FAILED', statusReason: 'Cancelled by ana@example.com: budget moved' });

      const again = await rejection(h.resolve(appsyncEvent('Mutation', 'cancelCampaign', { id: 'cmp-c' }, cognito({ tenantId: 'cancel' }))));
      expect(again.name).toBe('InvalidTransition');
      const edit = await rejection(h.resolve(appsyncEvent('Mutation', 'updateCampaign', { id: 'cmp-c', input: { name: 'Too late now' } }, cognito({ tenantId: 'cancel' }))));
      expect(edit.name).toBe('Conflict');
    });
  });

  describe('decideApproval', () => {
    it('records a listed approver’s decision once and resumes the execution with it', async () => {
      await campaignIn(h.campaigns, 'AWAITING_APPROVAL', { tenantId: 'appr', campaignId: 'cmp-a' });
      await h.approvals.create({
        approvalId: 'apr-1',
        tenantId: 'appr',
        campaignId: 'cmp-a',
        approvers: ['maria.lopez@example.com'],
        taskToken: 'token-123',
        status: 'PENDING',
        revision: 0,
        createdAt: NOW.toISOString(),
        expiresAt: new Date(NOW.getTime() + 86_400_000).toISOString(),
      });
      const args = { campaignId: 'cmp-a', decision: 'APPROVED', comment: 'Looks good' };

      const stranger = await rejection(h.resolve(appsyncEvent('Mutation', 'decideApproval', args, cognito({ tenantId: 'appr', groups: ['approvers'], email: 'someone@example.com' }))));
      expect(stranger.name).toBe('Unauthorized');

      const approver = cognito({ tenantId: 'appr', groups: ['approvers'], email: 'Maria.Lopez@example.com' });
      const result = (await h.resolve(appsyncEvent('Mutation', 'decideApproval', args, approver))) as Record<string, unknown>;
      expect(result).toMatchObject({ approvalId: 'apr-1', status: 'DECIDED', decision: 'APPROVED', decidedBy: 'maria.lopez@example.com' });
      expect(result).not.toHaveProperty('taskToken');
      expect(h.resumed).toEqual([{ taskToken: 'token-123', outcome: expect.objectContaining({ decision: 'APPROVED', comment: 'Looks good', decidedBy: 'maria.lopez@example.com' }) }]);
      expect((await h.campaigns.require('appr', 'cmp-a')).status).toBe('APPROVED');

      const second = await rejection(h.resolve(appsyncEvent('Mutation', 'decideApproval', { ...args, decision: 'REJECTED' }, approver)));
      expect(second.name).toBe('ApprovalClosed');
      expect(h.resumed).toHaveLength(1);
    });
  });

  describe('conversations', () => {
    it('starts a conversation without an ID, keeps each turn for its owner only, and answers with citations', async () => {
      const me = cognito({ tenantId: 'chat' });
      const reply = (await h.resolve(appsyncEvent('Mutation', 'sendAgentMessage', { message: 'How much lead time does a Tier 1 campaign need?' }, me))) as {
        conversationId: string;
        message: { role: string; content: string; citations: { documentId: string }[] };
        pendingAction: unknown;
      };
      expect(reply.message.role).toBe('AGENT');
      expect(reply.message.content).toMatch(/8.12 weeks/);
      expect(reply.message.citations.map((c) => c.documentId)).toContain('playbooks/campaign-tiers.md');
      expect(reply.pendingAction).toBeNull();
      const conversationId = reply.conversationId;
      await h.resolve(appsyncEvent('Mutation', 'sendAgentMessage', { conversationId, message: 'And for a webinar?' }, me));

      const conversation = (await h.resolve(appsyncEvent('Query', 'getConversation', { conversationId }, me))) as { messages: { role: string; content: string }[]; actions: unknown[] };
      expect(conversation.messages.map((m) => m.role)).toEqual(['USER', 'AGENT', 'USER', 'AGENT']);
      expect(conversation.actions).toEqual([]);
      expect(await h.resolve(appsyncEvent('Query', 'getConversation', { conversationId }, cognito({ tenantId: 'other-chat' })))).toBeNull();
      expect(await h.resolve(appsyncEvent('Query', 'getConversation', { conversationId }, cognito({ tenantId: 'chat', sub: 'someone-else' })))).toBeNull();
      const list = (await h.resolve(appsyncEvent('Query', 'listConversations', {}, me))) as { items: { conversationId: string; title: string }[] };
      expect(list.items).toEqual([expect.objectContaining({ conversationId, title: 'How much lead time does a Tier 1 campaign need?' })]);
    });
  });

  describe('publishCampaignUpdate and onCampaignUpdated', () => {
    const update = { tenantId: 'acme', campaignId: 'cmp-1', status: 'PLANNING', revision: 0, updatedAt: NOW.toISOString() };

    it('publishes for the backend (IAM) and refuses people', async () => {
      expect(await h.resolve(appsyncEvent('Mutation', 'publishCampaignUpdate', { input: update }, IAM_BACKEND))).toMatchObject({ ...update, statusReason: null });
      expect((await rejection(h.resolve(appsyncEvent('Mutation', 'publishCampaignUpdate', { input: update }, cognito({ tenantId: 'acme' }))))).name).toBe('Unauthorized');
    });

    it('lets a person subscribe to their own tenant only', async () => {
      expect(await h.resolve(appsyncEvent('Subscription', 'onCampaignUpdated', { tenantId: 'acme' }, cognito({ tenantId: 'acme' })))).toBeNull();
      const other = await rejection(h.resolve(appsyncEvent('Subscription', 'onCampaignUpdated', { tenantId: 'globex' }, cognito({ tenantId: 'acme' }))));
      expect(other.name).toBe('Unauthorized');
    });
  });
});
