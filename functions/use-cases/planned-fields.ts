// The part of a post that comes from the plan and survives every draft and failure.
import type { Post } from '../domain/post.ts';

/** What a post keeps from its plan whatever happens to its drafts. */
export function plannedFields(post: Post): Pick<Post, 'postId' | 'campaignId' | 'channel' | 'publishDate' | 'brief'> {
  return { postId: post.postId, campaignId: post.campaignId, channel: post.channel, publishDate: post.publishDate, brief: post.brief };
}
