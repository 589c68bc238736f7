// Key builders for every item in the single table. Each key starts with the
// tenant, and IDs come from a closed alphabet without `#` (see vocabulary.ts),
// so distinct (tenant, id) pairs always give distinct keys.
import { createHash } from 'node:crypto';
import type { CampaignStatus } from '../domain/campaign-status.ts';
import type { WorkfrontObjCode } from '../domain/workfront-link.ts';

export interface ItemKey {
  readonly PK: string;
  readonly SK: string;
}

const tenant = (tenantId: string) => `TENANT#${tenantId}`;

/** True when a partition key belongs to this tenant (the trailing `#` keeps `a` from matching `ab`). */
export function belongsToTenant(partitionKey: string, tenantId: string): boolean {
  return partitionKey.startsWith(`${tenant(tenantId)}#`);
}

export const CAMPAIGN_SK = 'CAMPAIGN';
export const POST_SK_PREFIX = 'POST#';
export const APPROVAL_SK_PREFIX = 'APPROVAL#';
export const WORKFRONT_SK_PREFIX = 'WORKFRONT#';

/** The campaign's item collection: the campaign, its posts, approvals and Workfront links. */
export function campaignPartition(tenantId: string, campaignId: string): string {
  return `${tenant(tenantId)}#CAMPAIGN#${campaignId}`;
}

export function campaignKey(tenantId: string, campaignId: string): ItemKey {
  return { PK: campaignPartition(tenantId, campaignId), SK: CAMPAIGN_SK };
}

export function postKey(tenantId: string, campaignId: string, postId: string): ItemKey {
  return { PK: campaignPartition(tenantId, campaignId), SK: `${POST_SK_PREFIX}${postId}` };
}

export function approvalKey(tenantId: string, campaignId: string, approvalId: string): ItemKey {
  return { PK: campaignPartition(tenantId, campaignId), SK: `${APPROVAL_SK_PREFIX}${approvalId}` };
}

export function workfrontLinkKey(tenantId: string, campaignId: string, objCode: WorkfrontObjCode, objId: string): ItemKey {
  return { PK: campaignPartition(tenantId, campaignId), SK: `${WORKFRONT_SK_PREFIX}${objCode}#${objId}` };
}

/** A de-duplication record: one per (scope, key), e.g. ('workfront-event', eventId). */
export function dedupKey(tenantId: string, scope: string, key: string): ItemKey {
  return { PK: `${tenant(tenantId)}#DEDUP#${scope}#${key}`, SK: 'DEDUP' };
}

/** Uniqueness guard: one item per Workfront object, naming the one campaign it may link to. */
export function workfrontObjectGuardKey(tenantId: string, objCode: WorkfrontObjCode, objId: string): ItemKey {
  return { PK: `${tenant(tenantId)}#WFOBJ#${objCode}#${objId}`, SK: 'GUARD' };
}

/** GSI1: a tenant's campaigns in one status, newest last in key order. */
export function byStatusKey(tenantId: string, status: CampaignStatus): string {
  return `${tenant(tenantId)}#STATUS#${status}`;
}

/** GSI3: all of a tenant's campaigns. */
export function allCampaignsKey(tenantId: string): string {
  return `${tenant(tenantId)}#CAMPAIGNS`;
}

/** GSI1SK / GSI3SK: creation time, then ID to break ties. */
export function createdSortKey(createdAt: string, campaignId: string): string {
  return `${createdAt}#${campaignId}`;
}

/** GSI2: a Workfront object, within the tenant whose Workfront instance owns it. */
export function workfrontObjectKey(tenantId: string, objCode: WorkfrontObjCode, objId: string): string {
  return `${tenant(tenantId)}#WF#${objCode}#${objId}`;
}

export const MESSAGE_SK_PREFIX = 'MSG#';

/** A conversation with the agent: its messages, in time order. */
export function conversationPartition(tenantId: string, conversationId: string): string {
  return `${tenant(tenantId)}#CONVERSATION#${conversationId}`;
}

/** Time first so a Query returns messages in the order they were written. */
export function messageKey(tenantId: string, conversationId: string, createdAt: string, messageId: string): ItemKey {
  return { PK: conversationPartition(tenantId, conversationId), SK: `${MESSAGE_SK_PREFIX}${createdAt}#${messageId}` };
}

// --- campaign assistant (issue 13) ---
export const CONVERSATION_META_SK = 'META';
export const ACTION_SK_PREFIX = 'ACTION#';

export function conversationMetaKey(tenantId: string, conversationId: string): ItemKey {
  return { PK: conversationPartition(tenantId, conversationId), SK: CONVERSATION_META_SK };
}

export function agentActionKey(tenantId: string, conversationId: string, actionId: string): ItemKey {
  return { PK: conversationPartition(tenantId, conversationId), SK: `${ACTION_SK_PREFIX}${actionId}` };
}

/**
 * GSI1: one user's conversations, by last activity. GSI1 also holds campaigns
 * by status; the `#USER#` segment keeps the two key spaces apart, and a user
 * ID is hashed so no character of it can collide with the key's separators.
 */
export function conversationsOfUserKey(tenantId: string, ownerSub: string): string {
  return `${tenant(tenantId)}#USER#${createHash('sha256').update(ownerSub).digest('base64url')}#CONVERSATIONS`;
}

// --- execution (issue 15) ---
export const TASK_SK_PREFIX = 'TASK#';
export const TIMELINE_SK = 'TIMELINE';
export const MEMBER_SK_PREFIX = 'MEMBER#';

/** A task of the campaign's execution plan, in the campaign's item collection. */
export function taskKey(tenantId: string, campaignId: string, taskId: string): ItemKey {
  return { PK: campaignPartition(tenantId, campaignId), SK: `${TASK_SK_PREFIX}${taskId}` };
}

/** The timeline's header (critical path, slip) and the campaign's calendar entry. */
export function timelineKey(tenantId: string, campaignId: string): ItemKey {
  return { PK: campaignPartition(tenantId, campaignId), SK: TIMELINE_SK };
}

/** The tenant's team: one partition, one item per member. */
export function teamPartition(tenantId: string): string {
  return `${tenant(tenantId)}#TEAM`;
}

export function memberKey(tenantId: string, memberId: string): ItemKey {
  return { PK: teamPartition(tenantId), SK: `${MEMBER_SK_PREFIX}${memberId}` };
}

/** The tenant's scheduling settings (blackout dates). */
export function scheduleSettingsKey(tenantId: string): ItemKey {
  return { PK: `${tenant(tenantId)}#SETTINGS`, SK: 'SCHEDULE' };
}

/** GSI4: one member's tasks, sorted by start date. */
export function assigneeKey(tenantId: string, memberId: string): string {
  return `${tenant(tenantId)}#ASSIGNEE#${memberId}`;
}

/** GSI4: the tenant's calendar of planned campaigns, sorted by end date. */
export function calendarKey(tenantId: string): string {
  return `${tenant(tenantId)}#CALENDAR`;
}
