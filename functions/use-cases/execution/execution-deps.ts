// What the execution use cases work with: repositories only.
import type { CampaignRepository } from '../../data/campaign-repository.ts';
import type { ExecutionRepository } from '../../data/execution-repository.ts';
import type { TeamRepository } from '../../data/team-repository.ts';

export interface ExecutionDeps {
  readonly campaigns: CampaignRepository;
  readonly execution: ExecutionRepository;
  readonly team: TeamRepository;
  readonly now: () => Date;
}
