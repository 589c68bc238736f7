// An approval nobody answers: the callback task's timeout (the approval
// window, shortened for this tier by the e2e global setup) closes the request,
// the campaign becomes EXPIRED, the execution ends at the definition's
// Expired state, and the requester hears about it by e-mail.
import { afterAll, describe, expect, it } from 'vitest';
import { campaignInStatus, statesEntered, campaigns, e2e, executionForEvent, mailsFor, putBuildEvent, settledExecution, uniqueCampaignId, validBrief } from '../support/e2e.ts';

const ctx = e2e();
const store = campaigns(ctx);
afterAll(() => store.close());

describe('an approval nobody answers', () => {
  it('GIVEN a campaign awaiting approval, WHEN the approval window passes without a decision, THEN the campaign is EXPIRED, the execution ends at Expired and the requester gets an e-mail', async () => {
    const campaignId = uniqueCampaignId('e2e-expiry');
    const name = `Expiry check ${campaignId}`;
    const executionArn = await executionForEvent(ctx, await putBuildEvent(ctx.gateway, { tenantId: 'acme', campaignId, brief: validBrief(name) }));
    const awaiting = await campaignInStatus(store.repository, 'acme', campaignId, 'AWAITING_APPROVAL');
    const [request] = await mailsFor(ctx, campaignId, /^Approval needed/);
    const requestedAt = Date.parse(awaiting.updatedAt);

    const windowMs = ctx.approvalWindowSeconds * 1000;
    const expired = await campaignInStatus(store.repository, 'acme', campaignId, 'EXPIRED', windowMs + 30_000);
    expect(Date.parse(expired.updatedAt) - requestedAt).toBeGreaterThanOrEqual(windowMs - 2000);
    const done = await settledExecution(ctx, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const entered = await statesEntered(ctx, executionArn);
    expect(entered).toContain('MarkExpired');
    expect(entered.at(-1)).toBe('Expired');

    const [notice] = await mailsFor(ctx, campaignId, /^Approval window passed/);
    expect(notice?.to).toContain('sam.taylor@example.com');
    expect(notice?.subject).toContain(name);
    // The link from the first e-mail now only says the request expired.
    const page = await fetch(request?.links?.approve ?? '');
    expect(await page.text()).toContain('This approval request has expired.');
  });
});
