// Builders for the approval tests: a campaign walked to GENERATING with posts,
// in-memory signing keys and mailer for use-case tests (the SDK adapters have
// their own tests against fake-aws), and a Lambda context.
import type { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import type { CampaignBrief } from '../../functions/domain/campaign-brief.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import type { Post } from '../../functions/domain/post.ts';
import type { MailMessage, Mailer } from '../../functions/ports/mailer.ts';
import type { SigningKey, SigningKeys } from '../../functions/ports/signing-keys.ts';
import { aCampaign, NOW } from './fixtures.ts';
import { aPost } from './posts.ts';

export function keyOf(kid: string, secret = `${kid}-secret-of-at-least-thirty-two-bytes`): SigningKey {
  return { kid, secret: new TextEncoder().encode(secret) };
}

export class StaticKeys implements SigningKeys {
  current: SigningKey;
  previous: SigningKey | undefined;
  constructor(current: SigningKey, previous?: SigningKey) {
    this.current = current;
    this.previous = previous;
  }
  async signingKey(): Promise<SigningKey> {
    return this.current;
  }
  async verificationKey(kid: string): Promise<SigningKey | undefined> {
    return [this.current, this.previous].find((k) => k?.kid === kid);
  }
}

export class OutboxMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  /** Failures to throw on the next sends, in order. */
  readonly failures: Error[] = [];
  async send(message: MailMessage): Promise<{ messageId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { messageId: `m-${this.sent.length}` };
  }
}

export interface SeededCampaign {
  readonly campaign: Campaign;
  readonly posts: Post[];
}

/** A campaign in GENERATING with drafted posts of revision 0 (the ones named in `failed` FAILED). */
export async function seedGeneratedCampaign(
  campaigns: CampaignRepository,
  options: { tenantId?: string; campaignId?: string; brief?: Partial<CampaignBrief>; failed?: number[]; count?: number } = {},
): Promise<SeededCampaign> {
  const campaign = aCampaign({ tenantId: options.tenantId, campaignId: options.campaignId, brief: options.brief });
  const { tenantId, campaignId } = campaign;
  await campaigns.create(campaign);
  await campaigns.transition(tenantId, campaignId, { to: 'PLANNING', now: NOW });
  await campaigns.transition(tenantId, campaignId, { to: 'GENERATING', now: NOW });
  const posts = Array.from({ length: options.count ?? 2 }, (_, i) =>
    options.failed?.includes(i)
      ? aPost(campaignId, i, { status: 'FAILED', failureReason: 'The writer agent timed out' })
      : aPost(campaignId, i, {
          status: 'GENERATED',
          content: { title: `Post ${i}`, body: `Draft number ${i} for finance leaders.`, callToAction: 'Register now' },
        }),
  );
  await campaigns.putPosts(tenantId, campaignId, posts);
  return { campaign: await campaigns.require(tenantId, campaignId), posts };
}

/** The token of an e-mailed review link. */
export function tokenFromEmail(text: string): string {
  const match = /\/approvals\/([A-Za-z0-9_.-]+)\?decision=approve/.exec(text);
  if (!match?.[1]) throw new Error('no approval link in the e-mail');
  return match[1];
}
