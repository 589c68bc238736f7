// The timeline from the playbooks: every task cites a section that exists in
// its document, the launch milestone lands on the launch date with the
// critical path leading to it, and a launch too close to today slips and says so.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTimeline, LAUNCH_TASK_ID } from '../../functions/domain/timeline.ts';
import { timelineTasks, type TimelineInput } from '../../functions/domain/timeline-rules.ts';
import { CAMPAIGN_TYPES, CHANNELS } from '../../functions/domain/vocabulary.ts';
import { workingIndex } from '../../functions/domain/working-days.ts';

const launchTier1: TimelineInput = {
  tier: 1,
  type: 'PRODUCT_LAUNCH',
  channels: ['EMAIL', 'LINKEDIN'],
  launchDate: '2027-06-15',
  posts: [
    { postId: 'email-1', channel: 'EMAIL', publishDate: '2027-06-15' },
    { postId: 'li-1', channel: 'LINKEDIN', publishDate: '2027-06-16' },
  ],
};

const input = fc.record({
  tier: fc.constantFrom(1 as const, 2 as const, 3 as const),
  type: fc.constantFrom(...CAMPAIGN_TYPES),
  channels: fc.uniqueArray(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 6 }),
  launchOffset: fc.integer({ min: 0, max: 200 }),
  postCount: fc.integer({ min: 0, max: 12 }),
}).map((r): TimelineInput => {
  const launchDate = new Date(Date.parse('2027-01-04T00:00:00Z') + r.launchOffset * 86_400_000).toISOString().slice(0, 10);
  return {
    tier: r.tier,
    type: r.type,
    channels: r.channels,
    launchDate,
    posts: Array.from({ length: r.postCount }, (_, i) => ({ postId: `p${i}`, channel: r.channels[i % r.channels.length] as (typeof CHANNELS)[number], publishDate: launchDate })),
  };
});

describe('timeline', () => {
  it('cites, for every task, a section heading that exists in its playbook', () => {
    const headings = new Map<string, string[]>();
    for (const type of CAMPAIGN_TYPES) {
      for (const tier of [1, 2, 3] as const) {
        for (const task of timelineTasks({ ...launchTier1, type, tier, channels: [...CHANNELS], posts: CHANNELS.map((c, i) => ({ postId: `p${i}`, channel: c, publishDate: '2027-06-20' })) })) {
          const doc = task.source.documentId;
          if (!headings.has(doc)) headings.set(doc, readFileSync(`knowledge-content/${doc}`, 'utf8').split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^#+\s*/, '')));
          expect(headings.get(doc), `${task.taskId} cites ${doc} § ${task.source.section}`).toContain(task.source.section);
        }
      }
    }
  });

  it('puts the launch milestone on the launch date when there is time, with the critical path ending there', () => {
    const timeline = buildTimeline(launchTier1, '2027-03-01');
    const launch = timeline.tasks.find((t) => t.taskId === LAUNCH_TASK_ID);
    expect(launch?.startDate).toBe('2027-06-15');
    expect(timeline.slipDays).toBe(0);
    expect(timeline.criticalPath.at(-1)).toBe(LAUNCH_TASK_ID);
    expect(timeline.criticalPath[0]).toBe('brief');
    expect(timeline.tasks.filter((t) => t.critical).map((t) => t.taskId)).toEqual(expect.arrayContaining(['brief', 'messaging', 'buffer', 'legal-review']));
    const publish = timeline.tasks.find((t) => t.taskId === 'post-li-1-publish');
    expect(publish?.startDate).toBe('2027-06-16');
  });

  it('starts no earlier than today and reports the slip when the launch is too close', () => {
    const timeline = buildTimeline(launchTier1, '2027-06-01');
    expect(timeline.startDate).toBe('2027-06-01');
    expect(timeline.slipDays).toBeGreaterThan(0);
    expect(timeline.tasks.every((t) => t.startDate >= '2027-06-01')).toBe(true);
  });

  it('for any campaign: precedence holds, every date is a working day, post publish tasks start on or after their post date', () => {
    fc.assert(
      fc.property(input, (campaign) => {
        const timeline = buildTimeline(campaign, '2026-12-01');
        const byId = new Map(timeline.tasks.map((t) => [t.taskId, t]));
        for (const task of timeline.tasks) {
          for (const dep of task.dependsOn) expect(task.start).toBeGreaterThanOrEqual((byId.get(dep.taskId)?.finish ?? Infinity) + dep.lagDays);
          if (task.notBeforeDate) expect(task.start).toBeGreaterThanOrEqual(workingIndex(task.notBeforeDate));
          expect(new Date(`${task.startDate}T00:00:00Z`).getUTCDay() % 6).not.toBe(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});
