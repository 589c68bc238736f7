// Approvals: the campaigns awaiting a decision that was asked of me (my e-mail
// is among the request's approvers), with their posts; approve or reject with
// a comment. The decision is the same use case as the e-mailed link: whichever
// comes first wins, and the other is told so.
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { isApprover, type Session } from '../auth/session.ts';
import { AWAITING_APPROVAL, DECIDE_APPROVAL } from '../graphql/operations.ts';
import type { Approval, CampaignRow, Post } from '../logic/types.ts';
import { PostCard } from './campaign-view.tsx';
import { ErrorNote, when } from './parts.tsx';

interface Waiting extends CampaignRow { objective: string; tierReasons: string[]; approval: Approval | null; posts: Post[] | null }

export function waitsFor(campaign: Waiting, email: string): boolean {
  const me = email.toLowerCase();
  return campaign.approval?.status === 'PENDING' && campaign.approval.approvers.some((a) => a.toLowerCase() === me);
}

function Decide({ campaign, onDecided }: { campaign: Waiting; onDecided: () => void }) {
  const [comment, setComment] = useState('');
  const [result, decide] = useMutation(DECIDE_APPROVAL);
  const id = `comment-${campaign.campaignId}`;
  const run = async (decision: 'APPROVED' | 'REJECTED') => {
    const r = await decide({ campaignId: campaign.campaignId, decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    if (!r.error) onDecided();
  };
  return (
    <div className="decide">
      <label htmlFor={id}>Comment (a rejection's comment guides the revision)</label>
      <textarea id={id} value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
      <ErrorNote error={result.error} />
      <button type="button" onClick={() => void run('APPROVED')} disabled={result.fetching}>Approve</button>
      <button type="button" className="danger" onClick={() => void run('REJECTED')} disabled={result.fetching}>Reject</button>
    </div>
  );
}

export function ApprovalsView({ session }: { session: Session }) {
  const [{ data, error, fetching }, refetch] = useQuery<{ listCampaigns: { items: Waiting[] } }>({ query: AWAITING_APPROVAL, requestPolicy: 'network-only' });
  if (!isApprover(session)) return <><h1>Approvals</h1><p>Only the approvers group decides approvals.</p></>;
  const mine = (data?.listCampaigns.items ?? []).filter((c) => waitsFor(c, session.email));
  return (
    <>
      <h1>Approvals</h1>
      <p className="muted">Waiting for {session.email}.</p>
      <ErrorNote error={error} />
      {!fetching && mine.length === 0 && <p>Nothing waits for you.</p>}
      {mine.map((c) => (
        <section key={c.campaignId} className="approval" data-campaign-id={c.campaignId} aria-labelledby={`a-${c.campaignId}`}>
          <h2 id={`a-${c.campaignId}`}><Link href={`/campaigns/${encodeURIComponent(c.campaignId)}`}>{c.name}</Link></h2>
          <p>Tier {c.tier} · {c.type} · {c.launchDate} to {c.endDate} · expires {when(c.approval?.expiresAt)}</p>
          <p>{c.objective}</p>
          <details open>
            <summary>Posts ({c.posts?.length ?? 0})</summary>
            {(c.posts ?? []).map((p) => <PostCard key={p.postId} post={p} />)}
          </details>
          <Decide campaign={c} onDecided={() => refetch({ requestPolicy: 'network-only' })} />
        </section>
      ))}
    </>
  );
}
