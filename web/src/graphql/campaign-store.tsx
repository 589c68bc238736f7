// The Campaigns table's data, held for the whole signed-in session: the pages
// read so far and every live update since sign-in (onCampaignUpdated for the
// caller's tenant is subscribed once, at sign-in), so no update is missed
// while another view is open. Each update is painted as it arrives (flushSync):
// a row shows every status it passes through.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useClient } from 'urql';
import type { Session } from '../auth/session.ts';
import type { ConsoleConfig } from '../config.ts';
import { appendPage, applyUpdate, upsertRow } from '../logic/campaign-table.ts';
import type { CampaignRow, CampaignUpdate } from '../logic/types.ts';
import { useCampaignUpdates } from './live.ts';
import { CAMPAIGN_ROW, LIST_CAMPAIGNS } from './operations.ts';

const PAGE = 100;

export interface CampaignStore {
  readonly rows: readonly CampaignRow[];
  readonly nextToken: string | null;
  readonly loading: boolean;
  readonly error: string | undefined;
  readonly status: string;
  setStatus(status: string): void;
  loadMore(): void;
  /** A campaign this session just created: shown at once, before its first update. */
  add(row: CampaignRow): void;
}

const Store = createContext<CampaignStore | undefined>(undefined);

export function useCampaignStore(): CampaignStore {
  const store = useContext(Store);
  if (!store) throw new Error('useCampaignStore outside CampaignStoreProvider');
  return store;
}

export function CampaignStoreProvider({ config, session, children }: { config: ConsoleConfig; session: Session; children: ReactNode }) {
  const client = useClient();
  const [status, setStatus] = useState('');
  const [rows, setRows] = useState<CampaignRow[]>([]);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const statusRef = useRef(status);
  statusRef.current = status;

  const load = useCallback(
    async (token: string | null, replace: boolean) => {
      setLoading(true);
      const wanted = statusRef.current;
      const result = await client
        .query<{ listCampaigns: { items: CampaignRow[]; nextToken: string | null } }>(LIST_CAMPAIGNS, { limit: PAGE, nextToken: token, ...(wanted ? { status: wanted } : {}) }, { requestPolicy: 'network-only' })
        .toPromise();
      if (wanted !== statusRef.current) return; // the filter changed meanwhile; that load wins
      setLoading(false);
      if (result.error || !result.data) {
        setError(result.error?.message ?? 'no data');
        return;
      }
      setError(undefined);
      const page = result.data.listCampaigns;
      // Rows live updates added while the first page was read stay (they are newer).
      setRows((current) => (replace ? appendPage(page.items, current.filter((r) => !wanted || r.status === wanted)) : appendPage(current, page.items)));
      setNextToken(page.nextToken);
    },
    [client],
  );
  useEffect(() => {
    setRows([]);
    void load(null, true);
  }, [load, status]);

  const refreshRow = useCallback(
    async (update: CampaignUpdate) => {
      flushSync(() => setRows((current) => applyUpdate(current, update)));
      const result = await client.query<{ getCampaign: CampaignRow | null }>(CAMPAIGN_ROW, { id: update.campaignId }, { requestPolicy: 'network-only' }).toPromise();
      const fresh = result.data?.getCampaign;
      if (fresh && (!statusRef.current || fresh.status === statusRef.current)) flushSync(() => setRows((current) => upsertRow(current, fresh)));
    },
    [client],
  );
  useCampaignUpdates(config.realtime, session.tenantId, undefined, (update) => void (update ? refreshRow(update) : load(null, true)));

  const store = useMemo<CampaignStore>(
    () => ({
      rows,
      nextToken,
      loading,
      error,
      status,
      setStatus,
      loadMore: () => void (nextToken && load(nextToken, false)),
      add: (row) => setRows((current) => upsertRow(current, row)),
    }),
    [rows, nextToken, loading, error, status, load],
  );
  return <Store.Provider value={store}>{children}</Store.Provider>;
}
