import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../functions/use-cases/plan-validation.ts';
import { extractJson } from '../../functions/use-cases/extract-json.ts';
import { checkPostContent } from '../../functions/use-cases/post-content.ts';
import { aBrief } from '../support/fixtures.ts';

const brief = aBrief({ channels: ['EMAIL', 'LINKEDIN'], launchDate: '2027-02-15', endDate: '2027-03-31' });
const post = (over: Record<string, unknown> = {}) => ({
  postId: 'email-1',
  channel: 'EMAIL',
  publishDate: '2027-02-15',
  brief: 'Launch e-mail with three subject lines',
  ...over,
});
const valid = { summary: 'Two channels', posts: [post(), post({ postId: 'linkedin-1', channel: 'LINKEDIN' })] };

describe('extractJson', () => {
  it('reads a fenced json block, a bare object in prose, and braces inside strings', () => {
    expect(extractJson('Here you go:\n```json\n{"a": 1}\n```\nThanks')).toEqual({ a: 1 });
    expect(extractJson('Plan: {"a": {"b": "x } y"}} — done')).toEqual({ a: { b: 'x } y' } });
  });

  it('says when there is no JSON or it does not parse', () => {
    expect(() => extractJson('I cannot help with that.')).toThrow(/no JSON object/);
    expect(() => extractJson('```json\n{"a": 1,}\n```')).toThrow(/does not parse/);
  });
});

describe('checkPlan', () => {
  it('accepts a valid plan, fenced or bare', () => {
    expect(checkPlan(`\`\`\`json\n${JSON.stringify(valid)}\n\`\`\``, brief)).toMatchObject({ ok: true, repairs: [] });
    expect(checkPlan(`Sure! ${JSON.stringify(valid)}`, brief)).toMatchObject({ ok: true });
  });

  it('repairs what has one right answer: channel spelling, timestamps, dates outside the window, missing and duplicate IDs, a missing summary', () => {
    const messy = {
      posts: [
        post({ channel: 'e-mail', publishDate: '2027-02-15T09:00:00Z', extra: 'dropped' }),
        post({ channel: 'linkedin', publishDate: '2027-04-30' }),
        post({ postId: '', channel: 'LinkedIn', publishDate: '2027-01-01' }),
      ],
    };
    const check = checkPlan(JSON.stringify(messy), brief);
    if (!check.ok) throw new Error(check.errors.join('; '));
    expect(check.plan.posts.map((p) => [p.postId, p.channel, p.publishDate])).toEqual([
      ['email-1', 'EMAIL', '2027-02-15'],
      ['linkedin-1', 'LINKEDIN', '2027-03-31'],
      ['linkedin-2', 'LINKEDIN', '2027-02-15'],
    ]);
    expect(check.repairs.length).toBeGreaterThanOrEqual(5);
  });

  it('names every problem it cannot repair', () => {
    const bad = { summary: 's', posts: [post({ channel: 'TIKTOK' }), post({ postId: 'e2', brief: 'short' })] };
    const check = checkPlan(JSON.stringify(bad), brief);
    expect(check.ok).toBe(false);
    const errors = check.ok ? [] : check.errors.join('\n');
    expect(errors).toMatch(/posts\.0\.channel: "TIKTOK" is not one of the brief's channels/);
    expect(errors).toMatch(/the brief's channel LINKEDIN has no post/);
    expect(errors).toMatch(/posts\.1\.brief/);
  });

  it('refuses text without a plan', () => {
    expect(checkPlan('no plan today', brief)).toEqual({ ok: false, errors: ['the reply holds no JSON object'] });
    expect(checkPlan('{"summary": "x"}', brief)).toMatchObject({ ok: false, errors: ['posts: must be an array of planned posts'] });
  });
});

describe('checkPostContent', () => {
  const text = (content: unknown) => `\`\`\`json\n${JSON.stringify(content)}\n\`\`\``;

  it('holds X to 280 characters counting a link as 23', () => {
    const link = `https://www.example.com/${'a'.repeat(200)}`;
    expect(checkPostContent(text({ body: `${'x'.repeat(250)} ${link}`, callToAction: 'Read it' }), 'X')).toMatchObject({ ok: true });
    expect(checkPostContent(text({ body: 'x'.repeat(281), callToAction: 'Read it' }), 'X')).toMatchObject({ ok: false });
  });

  it('needs exactly 3 subject lines of at most 60 characters on e-mail, and drops them elsewhere', () => {
    const email = { body: 'Hello', callToAction: 'Save my seat', subjectLines: ['a', 'b'] };
    expect(checkPostContent(text(email), 'EMAIL')).toMatchObject({ ok: false });
    expect(checkPostContent(text({ ...email, subjectLines: ['a', 'b', 'c'.repeat(61)] }), 'EMAIL')).toMatchObject({ ok: false });
    expect(checkPostContent(text({ ...email, subjectLines: ['a', 'b', 'c'] }), 'EMAIL')).toMatchObject({ ok: true });
    const li = checkPostContent(text({ ...email, notes: 'x' }), 'LINKEDIN');
    expect(li.ok && li.content.subjectLines).toBe(undefined);
  });

  it('limits hashtags per network', () => {
    expect(checkPostContent(text({ body: 'b', callToAction: 'Go', hashtags: ['#A', '#B', '#C'] }), 'X')).toMatchObject({ ok: false });
  });
});
