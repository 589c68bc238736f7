// How a campaign status looks wherever the console shows it: a label and a
// tone, and each tone's text and background colours. The colours are chosen
// for WCAG AA contrast (≥ 4.5:1, checked by a unit test), and no status is told
// apart by colour alone: the label is always shown.
import type { CampaignStatus } from './types.ts';

export type Tone = 'neutral' | 'progress' | 'attention' | 'success' | 'danger' | 'muted';

export interface StatusLook {
  readonly label: string;
  readonly tone: Tone;
  /** True while the build is still moving on its own (the row will change without anyone acting). */
  readonly inFlight: boolean;
}

export const STATUS_LOOKS: Readonly<Record<CampaignStatus, StatusLook>> = {
  REQUESTED: { label: 'Requested', tone: 'neutral', inFlight: true },
  PLANNING: { label: 'Planning', tone: 'progress', inFlight: true },
  GENERATING: { label: 'Generating', tone: 'progress', inFlight: true },
  AWAITING_APPROVAL: { label: 'Awaiting approval', tone: 'attention', inFlight: false },
  APPROVED: { label: 'Approved', tone: 'progress', inFlight: true },
  SYNCING: { label: 'Syncing to Workfront', tone: 'progress', inFlight: true },
  SYNCED: { label: 'Synced', tone: 'success', inFlight: false },
  REJECTED: { label: 'Rejected', tone: 'danger', inFlight: false },
  EXPIRED: { label: 'Expired', tone: 'muted', inFlight: false },
  FAILED: { label: 'Failed', tone: 'danger', inFlight: false },
};

/** Text on background, per tone (also in styles.css as .tone-*; a test keeps the two equal). */
export const TONE_COLOURS: Readonly<Record<Tone, { readonly text: string; readonly background: string }>> = {
  neutral: { text: '#1f2937', background: '#e5e7eb' },
  progress: { text: '#1e3a8a', background: '#dbeafe' },
  attention: { text: '#78350f', background: '#fef3c7' },
  success: { text: '#14532d', background: '#dcfce7' },
  danger: { text: '#7f1d1d', background: '#fee2e2' },
  muted: { text: '#374151', background: '#f3f4f6' },
};

export function statusLook(status: string): StatusLook {
  return (STATUS_LOOKS as Record<string, StatusLook | undefined>)[status] ?? { label: status, tone: 'neutral', inFlight: false };
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
