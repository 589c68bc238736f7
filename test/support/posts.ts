import type { Post } from '../../functions/domain/post.ts';
import { NOW } from './fixtures.ts';

export function aPost(campaignId: string, n: number, overrides: Partial<Post> = {}): Post {
  return {
    postId: `post-${String(n).padStart(3, '0')}`,
    campaignId,
    channel: 'EMAIL',
    publishDate: '2027-02-15',
    brief: `Announcement e-mail number ${n}`,
    status: 'PLANNED',
    citations: [],
    revision: 0,
    updatedAt: NOW.toISOString(),
    ...overrides,
  };
}
