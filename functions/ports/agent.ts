// The agent port: what the campaign build asks of a model. One interface, two
// adapters chosen by configuration (AGENT_PROVIDER): Amazon Bedrock agents in
// the cloud, a deterministic playbook-driven agent locally. Both return raw
// text (plus the knowledge documents they cite); the use cases parse and
// validate that text the same way whichever adapter produced it.
import type { Campaign } from '../domain/campaign.ts';
import type { Citation } from '../domain/citation.ts';
import type { PlannedPost } from '../domain/plan.ts';

/** Which campaign a call is about: Bedrock keeps one session per campaign; the tenant travels as a session attribute. */
export interface AgentSession {
  readonly tenantId: string;
  readonly campaignId: string;
}

export interface AgentReply {
  /** The model's answer as it came: the use case extracts and validates the JSON in it. */
  readonly text: string;
  readonly citations: readonly Citation[];
}

/** A passage of a knowledge document, as retrieval returns it. */
export interface Passage {
  readonly documentId: string;
  readonly title: string;
  readonly text: string;
  readonly score: number;
}

/** The campaign facts a planner or writer needs (never secrets, never other tenants' data). */
export type CampaignContext = Pick<Campaign, 'campaignId' | 'brief' | 'tier' | 'approvalLevel'>;

export interface PlanRequest {
  readonly session: AgentSession;
  readonly campaign: CampaignContext;
  /** Problems found in the previous answer, when the planner is asked again. */
  readonly corrections: readonly string[];
}

export interface WritePostRequest {
  readonly session: AgentSession;
  readonly campaign: CampaignContext;
  readonly post: PlannedPost;
  /** Knowledge passages retrieved for this post. */
  readonly passages: readonly Passage[];
  /** The reviewer's comment when this is a revision, else null. */
  readonly guidance: string | null;
  readonly revision: number;
  /** Problems found in the previous draft, when the writer is asked again. */
  readonly corrections: readonly string[];
}

export interface RetrieveRequest {
  readonly query: string;
  /** 1–20; defaults to 5. */
  readonly maxResults?: number;
}

export interface Agent {
  /** Returns text containing the plan as JSON: `{ summary, posts: [{ postId, channel, publishDate, brief }] }`. */
  planCampaign(request: PlanRequest): Promise<AgentReply>;
  /** Returns text containing the post as JSON: `{ title?, body, subjectLines?, callToAction, hashtags? }`. */
  writePost(request: WritePostRequest): Promise<AgentReply>;
  retrieve(request: RetrieveRequest): Promise<Passage[]>;
}
