// Schedule conflicts on the approval page: before the campaign has a
// timeline its plan stands in for its calendar entry, so an approver sees the
// clash with another planned campaign and the blackout date; the messages
// are text, never markup; a failed check says so instead of hiding it.
import { beforeAll, describe, expect, it } from 'vitest';
import { confirmationPage } from '../../functions/approval/approval-pages.ts';
import { previewPosts, summarizeCampaign } from '../../functions/approval/approval-view.ts';
import { planExecution } from '../../functions/use-cases/execution/plan-execution.ts';
import { campaignConflicts } from '../../functions/use-cases/execution/schedule-conflicts.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { aPlannedCampaign, executionDeps } from '../support/execution.ts';
import { aCampaign } from '../support/fixtures.ts';
import type { ExecutionDeps } from '../../functions/use-cases/execution/execution-deps.ts';

let deps: ExecutionDeps;
beforeAll(async () => {
  deps = executionDeps(await createTestTable());
});

describe('conflicts on the approval page', () => {
  it('finds, for a campaign awaiting approval, its clash with a planned campaign and its posts on blackout dates', async () => {
    await aPlannedCampaign(deps, { tenantId: 'appr', campaignId: 'planned' });
    await planExecution(deps, { tenantId: 'appr', campaignId: 'planned' });
    await aPlannedCampaign(deps, { tenantId: 'appr', campaignId: 'pending' });
    await deps.team.putSettings('appr', { blackoutDates: ['2027-03-15'], updatedAt: '2027-01-04T09:00:00.000Z' });
    const found = await campaignConflicts(deps, 'appr', 'pending');
    expect(found.map((c) => [c.kind, c.campaignIds])).toEqual([
      ['AUDIENCE_CHANNEL_CLASH', ['pending', 'planned']],
      ['BLACKOUT_DATE', ['pending']],
    ]);
    expect(await campaignConflicts(deps, 'other-tenant', 'pending')).toEqual([]);
  });

  it('lists the conflicts as text, and says when they could not be checked', () => {
    const base = { summary: summarizeCampaign(aCampaign()), posts: previewPosts([]), approver: 'maria.lopez@example.com', expiresAt: '2027-01-07T09:00:00.000Z' };
    const listed = confirmationPage({ ...base, conflicts: ['<script>alert(1)</script> clashes on EMAIL'] }).html;
    expect(listed).toContain('<h2>Schedule conflicts (1)</h2>');
    expect(listed).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt; clashes on EMAIL</li>');
    expect(confirmationPage({ ...base, conflicts: [] }).html).toContain('No schedule conflicts.');
    expect(confirmationPage({ ...base, conflicts: 'unavailable' }).html).toContain('Schedule conflicts could not be checked just now.');
    expect(confirmationPage(base).html).not.toContain('Schedule conflicts');
  });
});
