// Execution figures: timeline + assignment for a campaign of 1,000+ tasks and
// a team of 100 (the domain rules the planExecution use case runs), and the
// conflicts rule over a calendar of 1,000 campaigns. Pure computation, so
// the figures are the rules' cost; the repository reads around them are
// measured by the GraphQL listing benchmark's kind of figures, not here.
// `node bench/execution.ts` runs this alone and merges its key into
// bench/results.json; bench/run.ts includes it.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { assignTasks, type Member } from '../functions/domain/assigner.ts';
import { addDays } from '../functions/domain/calendar.ts';
import { findConflicts, type CalendarCampaign, type WeeklyBooking } from '../functions/domain/schedule-conflicts.ts';
import { DISCIPLINES } from '../functions/domain/team-member.ts';
import { buildTimeline } from '../functions/domain/timeline.ts';
import { CHANNELS, type Channel } from '../functions/domain/vocabulary.ts';
import { summarize } from './stats.ts';

export interface ExecutionFigure {
  readonly tasks: number;
  readonly teamSize: number;
  readonly planAndAssignMs: number;
  readonly overCapacityAssignments: number;
  readonly conflictsCampaigns: number;
  readonly conflictsFound: number;
  readonly conflictsP50Ms: number;
  readonly conflictsP99Ms: number;
}

/** A small deterministic generator, so every run measures the same inputs. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
}

const round = (n: number) => Math.round(n * 10) / 10;

export function runExecutionBench(): ExecutionFigure {
  const random = rng(15);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const posts = Array.from({ length: 340 }, (_, i) => {
    const channel = CHANNELS[i % CHANNELS.length] as Channel;
    return { postId: `p${i}`, channel, publishDate: addDays('2027-09-06', Math.floor(i / 6)) };
  });
  const team: Member[] = Array.from({ length: 100 }, (_, i) => ({
    memberId: `m${i}`,
    name: `Member ${i}`,
    skills: [pick(DISCIPLINES), pick(DISCIPLINES), pick(CHANNELS), pick(CHANNELS)],
    weeklyCapacityHours: pick([24, 32, 40]),
    outOfOffice: random() < 0.2 ? [{ from: addDays('2027-08-02', Math.floor(random() * 40)), to: addDays('2027-08-02', Math.floor(random() * 40) + 5) }] : [],
  }));

  const samples: number[] = [];
  let tasks = 0;
  let over = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const timeline = buildTimeline({ tier: 1, type: 'PRODUCT_LAUNCH', channels: [...CHANNELS], launchDate: '2027-09-06', posts }, '2027-05-03');
    const { assignments } = assignTasks(
      timeline.tasks.map((t) => ({ taskId: t.taskId, discipline: t.discipline, channel: t.channel, start: t.start, finish: t.finish, hoursPerDay: t.hoursPerDay })),
      team,
    );
    samples.push(performance.now() - start);
    tasks = timeline.tasks.length;
    over = assignments.filter((a) => a.overCapacity).length;
  }

  const audiences = Array.from({ length: 40 }, (_, i) => `Audience ${i}`);
  const campaigns: CalendarCampaign[] = Array.from({ length: 1_000 }, (_, i) => {
    const launch = addDays('2027-01-04', Math.floor(random() * 80));
    return {
      campaignId: `c${i}`,
      name: `Campaign ${i}`,
      audience: pick(audiences),
      tier: pick([1, 2, 3] as const),
      launchDate: launch,
      requestedAt: `${addDays(launch, -Math.floor(random() * 90))}T09:00:00.000Z`,
      posts: Array.from({ length: 10 }, (_, k) => ({ postId: `c${i}-p${k}`, channel: pick(CHANNELS), publishDate: addDays(launch, Math.floor(random() * 30)) })),
    };
  });
  const bookings: WeeklyBooking[] = team.flatMap((m) =>
    Array.from({ length: 16 }, (_, w) => ({ memberId: m.memberId, weekStart: addDays('2027-01-04', w * 7), hours: Math.floor(random() * 50), capacityHours: m.weeklyCapacityHours, campaignIds: [`c${Math.floor(random() * 1000)}`] })),
  );
  const blackoutDates = ['2027-01-18', '2027-02-15', '2027-04-02'];
  const conflictSamples: number[] = [];
  let found = 0;
  for (let run = 0; run < 200; run++) {
    const start = performance.now();
    found = findConflicts({ campaigns, blackoutDates, bookings, from: '2027-01-01', to: '2027-04-30' }).length;
    conflictSamples.push(performance.now() - start);
  }
  const plan = summarize(samples);
  const conflicts = summarize(conflictSamples);
  return {
    tasks,
    teamSize: team.length,
    planAndAssignMs: round(plan.p50Ms),
    overCapacityAssignments: over,
    conflictsCampaigns: campaigns.length,
    conflictsFound: found,
    conflictsP50Ms: round(conflicts.p50Ms),
    conflictsP99Ms: round(conflicts.p99Ms),
  };
}

/** Merges one key into bench/results.json, keeping every other key. */
export function mergeResult(key: string, value: unknown): void {
  const file = new URL('./results.json', import.meta.url);
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...current, [key]: value }, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figure = runExecutionBench();
  mergeResult('execution', figure);
  console.table(figure);
}
