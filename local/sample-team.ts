// A sample marketing team for each tenant the local runtime sees, so a
// campaign built on `npm start` gets its tasks assigned (and its Workfront
// sandbox tasks their assignees). Written through the same use case the
// putTeamMember mutation runs; a tenant that already has a team is left alone.
import { CampaignRepository } from '../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../functions/data/dynamodb-document-client.ts';
import { ExecutionRepository } from '../functions/data/execution-repository.ts';
import { TeamRepository } from '../functions/data/team-repository.ts';
import type { TeamMemberInput } from '../functions/domain/team-member.ts';
import { TenantId } from '../functions/domain/vocabulary.ts';
import { putTeamMember } from '../functions/use-cases/execution/manage-team.ts';
import { LOCAL_AWS } from './dynamodb-local.ts';

/** Skills cover every discipline and channel; Workfront user IDs are sandbox stand-ins (32 hex). */
export const SAMPLE_TEAM: readonly TeamMemberInput[] = [
  { memberId: 'priya', name: 'Priya Shah', email: 'priya@example.com', skills: ['COPY', 'EMAIL', 'BLOG'], weeklyCapacityHours: 40, timeZone: 'Europe/London', workfrontUserId: '5a1e0000000000000000000000000001' },
  { memberId: 'marco', name: 'Marco Rossi', email: 'marco@example.com', skills: ['COPY', 'BLOG', 'LINKEDIN'], weeklyCapacityHours: 32, timeZone: 'Europe/Rome', workfrontUserId: '5a1e0000000000000000000000000002' },
  { memberId: 'lena', name: 'Lena Berg', email: 'lena@example.com', skills: ['DESIGN', 'INSTAGRAM', 'FACEBOOK'], weeklyCapacityHours: 40, timeZone: 'Europe/Berlin', workfrontUserId: '5a1e0000000000000000000000000003' },
  { memberId: 'tom', name: 'Tom Okafor', email: 'tom@example.com', skills: ['DESIGN'], weeklyCapacityHours: 24, timeZone: 'America/New_York', workfrontUserId: '5a1e0000000000000000000000000004' },
  { memberId: 'ines', name: 'Inês Costa', email: 'ines@example.com', skills: ['EMAIL_OPS', 'EMAIL', 'ANALYTICS'], weeklyCapacityHours: 40, timeZone: 'Europe/Lisbon', workfrontUserId: '5a1e0000000000000000000000000005' },
  { memberId: 'sam', name: 'Sam Lee', email: 'sam@example.com', skills: ['SOCIAL', 'LINKEDIN', 'X', 'INSTAGRAM', 'FACEBOOK', 'COPY'], weeklyCapacityHours: 40, timeZone: 'America/Chicago', workfrontUserId: '5a1e0000000000000000000000000006' },
  { memberId: 'ruth', name: 'Ruth Adler', email: 'ruth@example.com', skills: ['LEGAL'], weeklyCapacityHours: 16, timeZone: 'Europe/London', workfrontUserId: '5a1e0000000000000000000000000007' },
  { memberId: 'kai', name: 'Kai Tanaka', email: 'kai@example.com', skills: ['ANALYTICS', 'EMAIL_OPS'], weeklyCapacityHours: 32, timeZone: 'Asia/Tokyo', workfrontUserId: '5a1e0000000000000000000000000008' },
];

export interface SampleTeamSeeder {
  /** Idempotent per tenant; resolves when the tenant has a team. */
  seed(tenantId: string): Promise<void>;
  close(): void;
}

export function sampleTeamSeeder(endpoint: string, tableName: string): SampleTeamSeeder {
  const doc = createDocumentClient({ endpoint, ...LOCAL_AWS });
  const deps = { campaigns: new CampaignRepository(doc, tableName), execution: new ExecutionRepository(doc, tableName), team: new TeamRepository(doc, tableName), now: () => new Date() };
  const seeded = new Map<string, Promise<void>>();
  return {
    seed(tenantId) {
      if (!TenantId.safeParse(tenantId).success) return Promise.resolve();
      let done = seeded.get(tenantId);
      if (!done) {
        done = (async () => {
          if ((await deps.team.list(tenantId)).length > 0) return;
          for (const member of SAMPLE_TEAM) await putTeamMember(deps, tenantId, member);
        })();
        // A failed attempt is retried by the next event for the tenant.
        done.catch(() => seeded.delete(tenantId));
        seeded.set(tenantId, done);
      }
      return done;
    },
    close() {
      doc.destroy();
    },
  };
}
