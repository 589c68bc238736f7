// Campaigns: the tenant's campaigns, newest first, 100 a page ("Show more"
// follows nextToken), filtered by status, with counts by status and tier over
// the rows shown. The rows are the session's campaign store (live updates).
import { Link } from 'wouter';
import type { Session } from '../auth/session.ts';
import { useCampaignStore } from '../graphql/campaign-store.tsx';
import { countRows } from '../logic/campaign-table.ts';
import { statusLook } from '../logic/status.ts';
import { CAMPAIGN_STATUSES } from '../logic/types.ts';
import { StatusBadge } from './parts.tsx';

export function CampaignsView({ session }: { session: Session }) {
  const { rows, nextToken, loading, error, status, setStatus, loadMore } = useCampaignStore();
  const counts = countRows(rows);
  return (
    <>
      <h1>Campaigns</h1>
      <div className="toolbar">
        <label>
          Status
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All</option>
            {CAMPAIGN_STATUSES.map((s) => <option key={s} value={s}>{statusLook(s).label}</option>)}
          </select>
        </label>
        <Link href="/new" className="button">New campaign</Link>
      </div>
      <section aria-label="Counts" className="counts">
        <p><strong data-testid="total">{counts.total}</strong> shown{nextToken ? ' (more to load)' : ''}</p>
        <ul aria-label="By status">{counts.byStatus.map((c) => <li key={c.status}><StatusBadge status={c.status} /> {c.count}</li>)}</ul>
        <ul aria-label="By tier">{counts.byTier.map((c) => <li key={c.tier}>Tier {c.tier}: {c.count}</li>)}</ul>
      </section>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="table-wrap">
        <table className="campaigns" aria-busy={loading}>
          <caption className="sr-only">Campaigns of {session.tenantId}</caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Tier</th><th scope="col">Status</th><th scope="col">Launch</th><th scope="col">Workfront</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.campaignId} data-campaign-id={r.campaignId}>
                <td><Link href={`/campaigns/${encodeURIComponent(r.campaignId)}`}>{r.name}</Link></td>
                <td>{r.type}</td>
                <td>{r.tier}</td>
                <td className="status"><StatusBadge status={r.status} /></td>
                <td>{r.launchDate}</td>
                <td className="workfront">{r.workfrontUrl ? <a href={r.workfrontUrl} target="_blank" rel="noreferrer">Project {r.workfrontProjectId}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && rows.length === 0 && <p>No campaigns yet.</p>}
      {nextToken && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </>
  );
}
