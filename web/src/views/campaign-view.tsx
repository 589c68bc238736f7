// One campaign: brief, tier and why, plan, every post, approval and history,
// Workfront; edit the descriptive fields updateCampaign allows; cancel.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { isMarketer, type Session } from '../auth/session.ts';
import type { ConsoleConfig } from '../config.ts';
import { useCampaignUpdates } from '../graphql/live.ts';
import { CANCEL_CAMPAIGN, GET_CAMPAIGN, UPDATE_CAMPAIGN } from '../graphql/operations.ts';
import { statusLook } from '../logic/status.ts';
import type { CampaignDetail, Post } from '../logic/types.ts';
import { ErrorNote, StatusBadge, when } from './parts.tsx';

export function PostCard({ post }: { post: Post }) {
  return (
    <article className="post" data-post-id={post.postId}>
      <h3>{post.channel} · {post.publishDate} <span className="muted">({post.status.toLowerCase()})</span></h3>
      {post.content ? (
        <>
          {post.content.title && <p><strong>{post.content.title}</strong></p>}
          {post.content.subjectLines?.length ? (
            <div><span className="label">Subject lines</span><ul>{post.content.subjectLines.map((s) => <li key={s}>{s}</li>)}</ul></div>
          ) : null}
          <p className="body">{post.content.body}</p>
          <p><span className="label">Call to action</span> {post.content.callToAction}</p>
          {post.content.hashtags?.length ? <p className="muted">{post.content.hashtags.join(' ')}</p> : null}
        </>
      ) : (
        <p className="muted">{post.brief}</p>
      )}
      {post.failureReason && <p className="error">Failed: {post.failureReason}</p>}
      {post.citations.length > 0 && (
        <details>
          <summary>Sources ({post.citations.length})</summary>
          <ul>{post.citations.map((c) => <li key={c.documentId}>{c.title} <span className="muted">({c.documentId})</span></li>)}</ul>
        </details>
      )}
    </article>
  );
}

export function CampaignView({ config, session, campaignId }: { config: ConsoleConfig; session: Session; campaignId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery<{ getCampaign: CampaignDetail | null }>({ query: GET_CAMPAIGN, variables: { id: campaignId }, requestPolicy: 'cache-and-network' });
  useCampaignUpdates(config.realtime, session.tenantId, campaignId, () => refetch({ requestPolicy: 'network-only' }));
  const [update, runUpdate] = useMutation(UPDATE_CAMPAIGN);
  const [cancel, runCancel] = useMutation(CANCEL_CAMPAIGN);
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const c = data?.getCampaign;
  if (!c) return fetching ? <p>Loading…</p> : (<><h1>Campaign not found</h1><ErrorNote error={error} /><p><Link href="/">Back to the campaigns</Link></p></>);

  const canEdit = isMarketer(session);
  const inFlight = statusLook(c.status).inFlight || c.status === 'AWAITING_APPROVAL';
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await runUpdate({ id: c.campaignId, input: { name: String(form.get('name')), objective: String(form.get('objective')), targetAudience: String(form.get('targetAudience')) } });
    if (!result.error) {
      setEditing(false);
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const doCancel = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    const result = await runCancel({ id: c.campaignId, ...(reason ? { reason } : {}) });
    if (!result.error) setCancelling(false);
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <p><Link href="/">← Campaigns</Link></p>
      <h1>{c.name}</h1>
      <p><StatusBadge status={c.status} /> {c.statusReason && <span className="muted">{c.statusReason}</span>}</p>
      <section aria-labelledby="brief">
        <h2 id="brief">Brief</h2>
        <dl className="facts">
          <dt>Type</dt><dd>{c.type}</dd>
          <dt>Tier</dt><dd>Tier {c.tier} — {c.approvalLevel} approval</dd>
          <dt>Why this tier</dt><dd><ul>{c.tierReasons.map((r) => <li key={r}>{r}</li>)}</ul></dd>
          <dt>Objective</dt><dd>{c.objective}</dd>
          <dt>Audience</dt><dd>{c.targetAudience}</dd>
          <dt>Budget</dt><dd>{c.budget.amount.toLocaleString()} {c.budget.currency}</dd>
          <dt>Channels</dt><dd>{c.channels.join(', ')}</dd>
          <dt>Dates</dt><dd>{c.launchDate} to {c.endDate}</dd>
          <dt>Approvers</dt><dd>{c.approvers.join(', ')}</dd>
          <dt>Requested by</dt><dd>{c.requestedBy}</dd>
          <dt>Workfront</dt><dd>{c.workfrontUrl ? <a href={c.workfrontUrl} target="_blank" rel="noreferrer">Project {c.workfrontProjectId}</a> : 'not synced yet'}</dd>
        </dl>
        {canEdit && !editing && <button type="button" onClick={() => setEditing(true)}>Edit</button>}
        {canEdit && inFlight && !cancelling && <button type="button" className="danger" onClick={() => setCancelling(true)}>Cancel campaign</button>}
        {cancelling && (
          <form className="form" onSubmit={(e) => void doCancel(e)}>
            <label>Why cancel it? (optional)<input name="reason" /></label>
            <button type="submit" className="danger" disabled={cancel.fetching}>Cancel the campaign</button>
            <button type="button" className="link" onClick={() => setCancelling(false)}>Keep it</button>
          </form>
        )}
        <ErrorNote error={cancel.error} />
        {editing && (
          <form className="form" onSubmit={(e) => void save(e)}>
            <label>Name<input name="name" defaultValue={c.name} required /></label>
            <label>Objective<textarea name="objective" defaultValue={c.objective} required /></label>
            <label>Audience<textarea name="targetAudience" defaultValue={c.targetAudience ?? ''} required /></label>
            <ErrorNote error={update.error} />
            <button type="submit" disabled={update.fetching}>Save</button>
            <button type="button" className="link" onClick={() => setEditing(false)}>Discard</button>
          </form>
        )}
      </section>
      {c.plan && (
        <section aria-labelledby="plan"><h2 id="plan">Plan</h2><p>{c.plan.summary}</p></section>
      )}
      <section aria-labelledby="posts">
        <h2 id="posts">Posts ({c.posts?.length ?? 0})</h2>
        {(c.posts ?? []).map((p) => <PostCard key={p.postId} post={p} />)}
      </section>
      <section aria-labelledby="approval">
        <h2 id="approval">Approval</h2>
        {c.approval ? (
          <p>
            Revision {c.approval.revision}: {c.approval.status.toLowerCase()}
            {c.approval.decision && <> — {c.approval.decision.toLowerCase()} by {c.approval.decidedBy} on {when(c.approval.decidedAt)}</>}
            {c.approval.comment && <> (“{c.approval.comment}”)</>}; sent to {c.approval.approvers.join(', ')}, expires {when(c.approval.expiresAt)}
          </p>
        ) : <p>Not requested yet.</p>}
        <h3>History</h3>
        <ol className="history">{c.history.map((h) => <li key={`${h.status}-${h.at}`}><StatusBadge status={h.status} /> {when(h.at)} {h.reason && <span className="muted">{h.reason}</span>}</li>)}</ol>
      </section>
    </>
  );
}
