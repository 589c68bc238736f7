// Live campaign updates for a view: onCampaignUpdated over graphql-ws where the
// endpoint speaks it, otherwise (AppSync's own real-time protocol) a periodic
// refresh, so every view stays current either way.
import { useEffect, useRef } from 'react';
import { useClient } from 'urql';
import type { RealtimeConfig } from '../config.ts';
import type { CampaignUpdate } from '../logic/types.ts';
import { ON_CAMPAIGN_UPDATED } from './operations.ts';

export function useCampaignUpdates(realtime: RealtimeConfig, tenantId: string, campaignId: string | undefined, onUpdate: (update: CampaignUpdate | undefined) => void): void {
  const client = useClient();
  const handler = useRef(onUpdate);
  handler.current = onUpdate;
  useEffect(() => {
    if (realtime.kind === 'poll') {
      const timer = setInterval(() => handler.current(undefined), realtime.intervalMs);
      return () => clearInterval(timer);
    }
    const variables = campaignId ? { tenantId, campaignId } : { tenantId };
    const { unsubscribe } = client.subscription<{ onCampaignUpdated: CampaignUpdate | null }>(ON_CAMPAIGN_UPDATED, variables).subscribe((result) => {
      const update = result.data?.onCampaignUpdated;
      if (update) handler.current(update);
    });
    return unsubscribe;
  }, [client, realtime, tenantId, campaignId]);
}
