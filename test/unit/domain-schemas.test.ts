import { describe, expect, it } from 'vitest';
import { Approval } from '../../functions/domain/approval.ts';
import { Plan } from '../../functions/domain/plan.ts';
import { Post } from '../../functions/domain/post.ts';
import { parseOrThrow } from '../../functions/domain/validate.ts';
import { WorkfrontLink } from '../../functions/domain/workfront-link.ts';
import { NOW } from '../support/fixtures.ts';
import { validationErrorFrom } from './expect-validation-error.ts';

const at = NOW.toISOString();

const plannedPost = (postId: string) => ({
  postId,
  channel: 'EMAIL',
  publishDate: '2027-02-15',
  brief: 'Invite finance leaders to the first session',
});

const aPost = (content: Record<string, unknown>) => ({
  postId: 'post-1',
  campaignId: 'cmp-1',
  channel: 'EMAIL',
  publishDate: '2027-02-15',
  brief: 'Invite finance leaders to the first session',
  status: 'GENERATED',
  content: { body: 'Join us for a live walk-through.', callToAction: 'Register now', ...content },
  revision: 0,
  updatedAt: at,
});

const anApproval = (taskToken: string) => ({
  approvalId: 'apr-1',
  tenantId: 'acme',
  campaignId: 'cmp-1',
  approvers: ['maria.lopez@example.com'],
  taskToken,
  status: 'PENDING',
  revision: 0,
  createdAt: at,
  expiresAt: at,
});

const aLink = (objId: string) => ({ objCode: 'PROJ', objId, campaignId: 'cmp-1', updatedAt: at });

describe('Plan', () => {
  it('GIVEN posts with distinct IDs THEN the plan parses', () => {
    const plan = parseOrThrow(Plan, { summary: 'Two e-mails', posts: [plannedPost('p1'), plannedPost('p2')] }, 'plan');
    expect(plan.posts.map((p) => p.postId)).toEqual(['p1', 'p2']);
  });

  it('GIVEN two posts with the same ID THEN a ValidationError names posts', () => {
    const error = validationErrorFrom(() => parseOrThrow(Plan, { summary: 'Two e-mails', posts: [plannedPost('p1'), plannedPost('p1')] }, 'plan'));
    expect(error.fields).toEqual(['posts']);
    expect(error.message).toContain('unique');
  });
});

describe('Post content', () => {
  it('GIVEN exactly three subject lines, or none at all, THEN the post parses', () => {
    expect(parseOrThrow(Post, aPost({ subjectLines: ['One', 'Two', 'Three'] }), 'post').content?.subjectLines).toHaveLength(3);
    expect(parseOrThrow(Post, aPost({}), 'post').content?.subjectLines).toBeUndefined();
  });

  it.each([[['One', 'Two']], [['One', 'Two', 'Three', 'Four']], [[]]])(
    'GIVEN subject lines %j THEN a ValidationError names content.subjectLines',
    (subjectLines) => {
      const error = validationErrorFrom(() => parseOrThrow(Post, aPost({ subjectLines }), 'post'));
      expect(error.fields).toEqual(['content.subjectLines']);
    },
  );
});

describe('Approval', () => {
  it('GIVEN a task token of 1,024 characters THEN the approval parses', () => {
    expect(parseOrThrow(Approval, anApproval('t'.repeat(1024)), 'approval').taskToken).toHaveLength(1024);
  });

  it('GIVEN a task token of 1,025 characters, or an empty one, THEN a ValidationError names taskToken', () => {
    expect(validationErrorFrom(() => parseOrThrow(Approval, anApproval('t'.repeat(1025)), 'approval')).fields).toEqual(['taskToken']);
    expect(validationErrorFrom(() => parseOrThrow(Approval, anApproval(''), 'approval')).fields).toEqual(['taskToken']);
  });
});

describe('WorkfrontLink', () => {
  it('GIVEN a 32-hex-character Workfront GUID THEN the link parses', () => {
    const objId = '5f1e2d3c4b5a69788796a5b4c3d2e1f0';
    expect(parseOrThrow(WorkfrontLink, aLink(objId), 'Workfront link').objId).toBe(objId);
  });

  it.each(['abc#def', '', 'x'.repeat(65)])('GIVEN object ID %j THEN a ValidationError names objId', (objId) => {
    expect(validationErrorFrom(() => parseOrThrow(WorkfrontLink, aLink(objId), 'Workfront link')).fields).toEqual(['objId']);
  });
});
