// How the Assistant view shows an action's AWSJSON: parameters as labelled
// lines (nested values in brief), and a result's campaign as a link target.
export function parameterLines(json: string): { readonly key: string; readonly value: string }[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [{ key: 'parameters', value: json }];
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [{ key: 'parameters', value: JSON.stringify(value) }];
  return Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: brief(v) }));
}

function brief(v: unknown): string {
  if (Array.isArray(v)) return v.map(brief).join(', ');
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.amount === 'number' && typeof o.currency === 'string') return `${o.amount.toLocaleString('en-US')} ${o.currency}`;
    return Object.entries(o).map(([k, x]) => `${k}: ${brief(x)}`).join('; ');
  }
  return String(v);
}

/** The campaign an action's result names ({ campaignId }), if any. */
export function resultCampaignId(json: string | null | undefined): string | undefined {
  if (!json) return undefined;
  try {
    const parsed = JSON.parse(json) as unknown;
    const id = parsed && typeof parsed === 'object' ? (parsed as { campaignId?: unknown }).campaignId : undefined;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}
