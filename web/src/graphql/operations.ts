// Every GraphQL operation the console sends (schema/schema.graphql).
import { gql } from 'urql';

const ROW = `campaignId name type tier status launchDate endDate workfrontUrl workfrontProjectId updatedAt createdAt`;
const POST = `postId channel publishDate brief status revision failureReason
  content { title body subjectLines callToAction hashtags }
  citations { documentId title excerpt }`;
const APPROVAL = `approvalId status revision approvers createdAt expiresAt decision decidedBy decidedAt comment`;

export const LIST_CAMPAIGNS = gql`
  query ListCampaigns($limit: Int, $nextToken: String, $status: CampaignStatus) {
    listCampaigns(limit: $limit, nextToken: $nextToken, status: $status) { items { ${ROW} } nextToken }
  }
`;

export const CAMPAIGN_ROW = gql`
  query CampaignRow($id: ID!) { getCampaign(id: $id) { ${ROW} } }
`;

export const GET_CAMPAIGN = gql`
  query GetCampaign($id: ID!) {
    getCampaign(id: $id) {
      ${ROW} description objective targetAudience statusReason tierReasons approvalLevel
      budget { amount currency } channels approvers requestedBy revision
      plan { summary }
      posts { ${POST} }
      approval { ${APPROVAL} }
      history { status at reason }
    }
  }
`;

export const AWAITING_APPROVAL = gql`
  query AwaitingApproval($nextToken: String) {
    listCampaigns(limit: 100, status: AWAITING_APPROVAL, nextToken: $nextToken) {
      items { ${ROW} objective tierReasons approval { ${APPROVAL} } posts { ${POST} } }
      nextToken
    }
  }
`;

export const CALENDAR_CAMPAIGNS = gql`
  query CalendarCampaigns($nextToken: String) {
    listCampaigns(limit: 100, nextToken: $nextToken) {
      items { campaignId name launchDate endDate status posts { postId channel publishDate } }
      nextToken
    }
  }
`;

export const CREATE_CAMPAIGN = gql`
  mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { ${ROW} } }
`;

export const UPDATE_CAMPAIGN = gql`
  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { campaignId name objective targetAudience updatedAt } }
`;

export const CANCEL_CAMPAIGN = gql`
  mutation CancelCampaign($id: ID!, $reason: String) { cancelCampaign(id: $id, reason: $reason) { campaignId status statusReason updatedAt } }
`;

export const DECIDE_APPROVAL = gql`
  mutation DecideApproval($campaignId: ID!, $decision: Decision!, $comment: String) {
    decideApproval(campaignId: $campaignId, decision: $decision, comment: $comment) { ${APPROVAL} }
  }
`;

const MESSAGE = `messageId role content createdAt citations { documentId title excerpt }`;
const PENDING = `actionId name summary parameters`;
const REPLY = `conversationId message { ${MESSAGE} } pendingAction { ${PENDING} }`;

export const GET_CONVERSATION = gql`
  query GetConversation($conversationId: ID!) {
    getConversation(conversationId: $conversationId) {
      conversationId title
      messages { ${MESSAGE} }
      pendingAction { ${PENDING} }
      actions { actionId name summary status decidedAt result }
    }
  }
`;

export const LIST_CONVERSATIONS = gql`
  query ListConversations { listConversations(limit: 20) { items { conversationId title updatedAt } nextToken } }
`;

export const SEND_AGENT_MESSAGE = gql`
  mutation SendAgentMessage($conversationId: ID, $message: String!) { sendAgentMessage(conversationId: $conversationId, message: $message) { ${REPLY} } }
`;

export const CONFIRM_AGENT_ACTION = gql`
  mutation ConfirmAgentAction($conversationId: ID!, $actionId: ID!, $confirm: Boolean!) {
    confirmAgentAction(conversationId: $conversationId, actionId: $actionId, confirm: $confirm) { ${REPLY} }
  }
`;

export const ON_CAMPAIGN_UPDATED = gql`
  subscription OnCampaignUpdated($tenantId: ID!, $campaignId: ID) {
    onCampaignUpdated(tenantId: $tenantId, campaignId: $campaignId) { tenantId campaignId status statusReason revision workfrontProjectId updatedAt }
  }
`;
