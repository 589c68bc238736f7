// Team management (the marketing-ops group): add or change a member, remove
// one, list the team. Input is validated whole before anything is written.
import { TeamMemberInput, type TeamMember } from '../../domain/team-member.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import type { ExecutionDeps } from './execution-deps.ts';

export async function putTeamMember(deps: Pick<ExecutionDeps, 'team' | 'now'>, tenantId: string, input: unknown): Promise<TeamMember> {
  const member = parseOrThrow(TeamMemberInput, input, 'team member');
  return deps.team.put({ ...member, tenantId, updatedAt: deps.now().toISOString() });
}

export async function removeTeamMember(deps: Pick<ExecutionDeps, 'team'>, tenantId: string, memberId: string): Promise<void> {
  await deps.team.remove(tenantId, memberId);
}

export async function listTeam(deps: Pick<ExecutionDeps, 'team'>, tenantId: string): Promise<TeamMember[]> {
  return (await deps.team.list(tenantId)).sort((a, b) => a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId));
}
