// One Bedrock agent session per campaign: the session ID derives from tenant
// and campaign, so every call about a campaign shares its conversation and no
// two tenants can share one. InvokeAgent allows 2–100 characters of
// [0-9a-zA-Z._:-]; longer pairs are hashed (still deterministic).
import { createHash } from 'node:crypto';
import type { AgentSession } from '../../ports/agent.ts';

const ALLOWED = /^[0-9a-zA-Z._:-]{2,100}$/;

export function sessionIdFor({ tenantId, campaignId }: AgentSession): string {
  const readable = `${tenantId}.${campaignId}`;
  return ALLOWED.test(readable) ? readable : `mcc-${createHash('sha256').update(`${tenantId}\u0000${campaignId}`).digest('hex')}`;
}
