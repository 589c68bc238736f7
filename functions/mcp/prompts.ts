// MCP prompts: conversation starters an assistant offers its user. They only
// assemble text (and, for a review, the campaign as an embedded resource read
// with the caller's tenant); every action still goes through the tools.
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { Id } from '../domain/vocabulary.ts';
import type { PersonCaller } from '../graphql/identity.ts';
import { readResource, CAMPAIGN_PREFIX, type ResourceDeps } from './resources.ts';

export const PROMPTS = [
  {
    name: 'plan-campaign',
    title: 'Plan a campaign',
    description: 'Turn an idea into a campaign brief grounded in the playbooks, preview it, and create it once you agree.',
    arguments: [
      { name: 'idea', description: 'What the campaign is about, in your words', required: true },
      { name: 'launchDate', description: 'When it should launch (YYYY-MM-DD)', required: false },
    ],
  },
  {
    name: 'review-campaign',
    title: 'Review a campaign',
    description: 'Review a drafted campaign against the brand voice and channel playbooks before deciding its approval.',
    arguments: [{ name: 'campaignId', description: 'The campaign to review', required: true }],
  },
] as const;

const PlanArgs = z.strictObject({ idea: z.string().min(1).max(4000), launchDate: z.iso.date().optional() });
const ReviewArgs = z.strictObject({ campaignId: Id });

function args<S extends z.ZodType>(schema: S, raw: unknown, prompt: string): z.output<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for prompt ${prompt}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export async function getPrompt(deps: ResourceDeps, caller: PersonCaller, name: string, raw: unknown) {
  if (name === 'plan-campaign') {
    const a = args(PlanArgs, raw, name);
    const text = [
      `I want to plan a marketing campaign: ${a.idea}`,
      a.launchDate ? `It should launch on ${a.launchDate}.` : '',
      'Use search_playbooks to find the playbook for this kind of campaign and our channel rules, and classify_campaign to see its tier, approval level and lead time.',
      'Then draft a complete brief (name, type, objective, targetAudience, budget, channels, launchDate, endDate, approvers) and call create_campaign WITHOUT confirm to preview it.',
      'Show me the preview and ask before calling create_campaign again with confirm: true.',
    ]
      .filter(Boolean)
      .join('\n');
    return { description: 'Plan a campaign', messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
  }
  if (name === 'review-campaign') {
    const { campaignId } = args(ReviewArgs, raw, name);
    const [campaign] = (await readResource(deps, caller, `${CAMPAIGN_PREFIX}${campaignId}`)).contents;
    const text = [
      `Review campaign ${campaignId} before I decide its approval.`,
      'Check every post against our brand voice (mcc://playbooks/guidelines/brand-voice.md) and its channel template; list concrete problems per post, then recommend APPROVED or REJECTED with a comment I can send as revision guidance.',
      'Only call decide_approval after I confirm.',
    ].join('\n');
    return {
      description: `Review campaign ${campaignId}`,
      messages: [
        { role: 'user' as const, content: { type: 'text' as const, text } },
        ...(campaign ? [{ role: 'user' as const, content: { type: 'resource' as const, resource: campaign } }] : []),
      ],
    };
  }
  throw new McpError(ErrorCode.InvalidParams, `Prompt ${name} not found`);
}
