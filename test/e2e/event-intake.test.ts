// What arrives on the bus that must not become a (second) campaign: the same
// build request delivered twice, and a brief with fields missing. Driven with
// the real AWS CLI; checked with describe-execution / get-execution-history
// and the stored campaigns.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { aws, campaignInStatus, statesEntered, campaigns, e2e, executionForEvent, putBuildEvent, settledExecution, uniqueCampaignId, validBrief } from '../support/e2e.ts';

const ctx = e2e();
const store = campaigns(ctx);
afterAll(() => store.close());

describe('build requests that must not build twice or at all', () => {
  it('GIVEN a build request for a campaign, WHEN the same request is put on the bus again, THEN there is exactly one campaign and the second execution ends quietly at AlreadyBuilt', async () => {
    const tenantId = `dup${randomUUID().slice(0, 8)}`;
    const campaignId = uniqueCampaignId('e2e-dup');
    const detail = { tenantId, campaignId, brief: validBrief(`Duplicate check ${campaignId}`) };
    const first = await executionForEvent(ctx, await putBuildEvent(ctx.gateway, detail));
    await campaignInStatus(store.repository, tenantId, campaignId, 'AWAITING_APPROVAL');
    const second = await executionForEvent(ctx, await putBuildEvent(ctx.gateway, detail));
    expect(second).not.toBe(first);

    const done = await settledExecution(ctx, second);
    expect(done.status).toBe('SUCCEEDED');
    const states = await statesEntered(ctx, second);
    expect(states).toContain('AlreadyBuilt');
    expect(states).not.toContain('Plan');
    const listed = await store.repository.list(tenantId);
    expect(listed.items.map((c) => c.campaignId)).toEqual([campaignId]);
    expect((await store.repository.get(tenantId, campaignId))?.status).toBe('AWAITING_APPROVAL');
    // The first build is still waiting for its approver; end it so it does not run on in the shared runtime.
    await aws(ctx.gateway, ['stepfunctions', 'stop-execution', '--execution-arn', first, '--error', 'TestDone']);
  });

  it('GIVEN a brief missing its objective, budget and channels, WHEN it is put on the bus, THEN no campaign is stored and the execution fails with a ValidationError naming those fields', async () => {
    const tenantId = `bad${randomUUID().slice(0, 8)}`;
    const campaignId = uniqueCampaignId('e2e-bad');
    const brief: Record<string, unknown> = { ...validBrief(`Malformed ${campaignId}`) };
    delete brief.objective;
    delete brief.budget;
    delete brief.channels;
    const executionArn = await executionForEvent(ctx, await putBuildEvent(ctx.gateway, { tenantId, campaignId, brief }));

    const done = await settledExecution(ctx, executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('ValidationError');
    for (const field of ['detail.brief.objective', 'detail.brief.budget', 'detail.brief.channels']) expect(done.cause).toContain(field);
    expect(await store.repository.get(tenantId, campaignId)).toBeUndefined();
    expect((await store.repository.list(tenantId)).items).toEqual([]);
  });
});
