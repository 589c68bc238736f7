// Business metrics leave a function as CloudWatch EMF lines on stdout, one per
// invocation: the Step Functions handler wrapper flushes what the invocation
// recorded, whether it succeeded or threw; webhook deliveries carry their
// event type and outcome as dimensions; approval latency is in seconds.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { countMetric, flushMetrics, METRIC, recordApprovalLatency, recordWorkfrontEvent } from '../../functions/shared/observability.ts';
import { stepHandler } from '../../functions/shared/step-handler.ts';
import { lambdaContext } from '../support/lambda-context.ts';

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  // The wrapper's error log line is expected noise here.
  vi.spyOn(process.stderr, 'write').mockReturnValue(true);
});
afterEach(() => vi.restoreAllMocks());

function emfLines(): Emf[] {
  return lines.flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as Partial<Emf>;
      return parsed._aws?.CloudWatchMetrics ? [parsed as Emf] : [];
    } catch {
      return [];
    }
  });
}

const names = (emf: Emf) => emf._aws.CloudWatchMetrics.flatMap((m) => m.Metrics.map((x) => x.Name));

describe('business metrics as EMF', () => {
  it('the step handler flushes what an invocation recorded, once, in the MarketingCommandCenter namespace', async () => {
    const handler = stepHandler('GeneratePost', z.object({ tenantId: z.string(), campaignId: z.string() }), async () => {
      countMetric(METRIC.postsGenerated);
      return { ok: true };
    });
    await handler({ tenantId: 'acme', campaignId: 'c1' }, lambdaContext('generate-post'));
    const emf = emfLines();
    expect(emf).toHaveLength(1);
    expect(names(emf[0] as Emf)).toEqual(['PostsGenerated']);
    expect(emf[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe('MarketingCommandCenter');
    expect(emf[0]?.PostsGenerated).toBe(1);
  });

  it('flushes when the invocation throws too, and writes nothing when nothing was recorded', async () => {
    const failing = stepHandler('MarkFailed', z.object({}), async () => {
      countMetric(METRIC.campaignsFailed);
      throw new Error('boom');
    });
    await expect(failing({}, lambdaContext('campaign-outcome'))).rejects.toMatchObject({ name: 'InternalError' });
    expect(emfLines().map(names)).toEqual([['CampaignsFailed']]);
    lines = [];
    const quiet = stepHandler('Save', z.object({}), async () => ({}));
    await quiet({}, lambdaContext('save-campaign'));
    expect(emfLines()).toEqual([]);
    expect(lines.join('\n')).not.toContain('No application metrics');
  });

  it('approval latency is decidedAt − createdAt in seconds', () => {
    recordApprovalLatency('2027-01-04T09:00:00.000Z', '2027-01-04T11:30:00.000Z');
    flushMetrics();
    const [emf] = emfLines();
    expect(emf?.ApprovalLatency).toBe(9000);
    expect(emf?._aws.CloudWatchMetrics[0]?.Metrics).toEqual([{ Name: 'ApprovalLatency', Unit: 'Seconds' }]);
  });

  it('a webhook delivery is counted at once by event type and outcome, unknown types as OTHER', () => {
    recordWorkfrontEvent('UPDATE', 'applied');
    recordWorkfrontEvent('SOMETHING_NEW', 'ignored');
    const emf = emfLines();
    expect(emf.map((e) => [e.eventType, e.outcome, e.WorkfrontEvents])).toEqual([
      ['UPDATE', 'applied', 1],
      ['OTHER', 'ignored', 1],
    ]);
    expect(emf[0]?._aws.CloudWatchMetrics[0]?.Dimensions[0]).toEqual(expect.arrayContaining(['eventType', 'outcome']));
  });
});
