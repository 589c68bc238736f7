// The GraphQL API's shapes as the console reads them (schema/schema.graphql),
// narrowed to the fields its operations select.
export const CAMPAIGN_STATUSES = ['REQUESTED', 'PLANNING', 'GENERATING', 'AWAITING_APPROVAL', 'APPROVED', 'SYNCING', 'SYNCED', 'REJECTED', 'EXPIRED', 'FAILED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CHANNELS = ['EMAIL', 'BLOG', 'LINKEDIN', 'X', 'INSTAGRAM', 'FACEBOOK'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface CampaignRow {
  readonly campaignId: string;
  readonly name: string;
  readonly type: string;
  readonly tier: number;
  readonly status: CampaignStatus;
  readonly launchDate: string;
  readonly endDate: string;
  readonly workfrontUrl?: string | null;
  readonly workfrontProjectId?: string | null;
  readonly updatedAt: string;
  readonly createdAt: string;
}

export interface CampaignUpdate {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly status: CampaignStatus;
  readonly statusReason?: string | null;
  readonly revision: number;
  readonly workfrontProjectId?: string | null;
  readonly updatedAt: string;
}

export interface Citation {
  readonly documentId: string;
  readonly title: string;
  readonly excerpt?: string | null;
}

export interface Post {
  readonly postId: string;
  readonly channel: Channel;
  readonly publishDate: string;
  readonly brief: string;
  readonly status: 'PLANNED' | 'GENERATED' | 'FAILED';
  readonly content?: {
    readonly title?: string | null;
    readonly body: string;
    readonly subjectLines?: readonly string[] | null;
    readonly callToAction: string;
    readonly hashtags?: readonly string[] | null;
  } | null;
  readonly citations: readonly Citation[];
  readonly failureReason?: string | null;
  readonly revision: number;
}

export interface Approval {
  readonly approvalId: string;
  readonly status: 'PENDING' | 'DECIDED' | 'EXPIRED';
  readonly revision: number;
  readonly approvers: readonly string[];
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly decision?: 'APPROVED' | 'REJECTED' | null;
  readonly decidedBy?: string | null;
  readonly decidedAt?: string | null;
  readonly comment?: string | null;
}

export interface CampaignDetail extends CampaignRow {
  readonly description?: string | null;
  readonly objective: string;
  readonly targetAudience?: string | null;
  readonly statusReason?: string | null;
  readonly tierReasons: readonly string[];
  readonly approvalLevel: string;
  readonly budget: { readonly amount: number; readonly currency: string };
  readonly channels: readonly Channel[];
  readonly approvers: readonly string[];
  readonly requestedBy: string;
  readonly revision: number;
  readonly plan?: { readonly summary: string } | null;
  readonly posts?: readonly Post[] | null;
  readonly approval?: Approval | null;
  readonly history: readonly { readonly status: CampaignStatus; readonly at: string; readonly reason?: string | null }[];
}

export interface ConversationMessage {
  readonly messageId: string;
  readonly role: 'USER' | 'AGENT';
  readonly content: string;
  readonly citations: readonly Citation[];
  readonly createdAt: string;
}

/** An action the assistant asks to take (campaign assistant, issue 13); parameters are AWSJSON. */
export interface PendingAction {
  readonly actionId: string;
  readonly name: string;
  readonly summary: string;
  readonly parameters: string;
}

export interface AgentAction {
  readonly actionId: string;
  readonly name: string;
  readonly summary: string;
  readonly status: 'PENDING' | 'CONFIRMED' | 'DENIED' | 'SUPERSEDED';
  readonly decidedAt?: string | null;
  readonly result?: string | null;
}
