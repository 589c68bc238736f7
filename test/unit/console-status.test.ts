// The console's status looks: every status has a label and a tone, each tone's
// colours meet WCAG AA contrast, and the stylesheet paints the same colours.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_STATUSES as DOMAIN_STATUSES } from '../../functions/domain/campaign-status.ts';
import { CHANNELS as DOMAIN_CHANNELS } from '../../functions/domain/vocabulary.ts';
import { CHANNEL_COLOURS } from '../../web/src/logic/calendar.ts';
import { contrastRatio, STATUS_LOOKS, statusLook, TONE_COLOURS } from '../../web/src/logic/status.ts';
import { CAMPAIGN_STATUSES, CHANNELS } from '../../web/src/logic/types.ts';

describe('status looks', () => {
  it('GIVEN the domain status table, THEN the console knows exactly its statuses and channels', () => {
    expect([...CAMPAIGN_STATUSES].sort()).toEqual([...DOMAIN_STATUSES].sort());
    expect([...CHANNELS].sort()).toEqual([...DOMAIN_CHANNELS].sort());
    expect(Object.keys(STATUS_LOOKS).sort()).toEqual([...DOMAIN_STATUSES].sort());
  });

  it('GIVEN each status, THEN outcomes read as outcomes: SYNCED success, FAILED and REJECTED danger, AWAITING_APPROVAL attention, moving states in flight', () => {
    expect(statusLook('SYNCED').tone).toBe('success');
    expect(statusLook('FAILED').tone).toBe('danger');
    expect(statusLook('REJECTED').tone).toBe('danger');
    expect(statusLook('AWAITING_APPROVAL').tone).toBe('attention');
    expect(statusLook('EXPIRED').tone).toBe('muted');
    expect(CAMPAIGN_STATUSES.filter((s) => statusLook(s).inFlight)).toEqual(['REQUESTED', 'PLANNING', 'GENERATING', 'APPROVED', 'SYNCING']);
    expect(new Set(CAMPAIGN_STATUSES.map((s) => statusLook(s).label)).size).toBe(CAMPAIGN_STATUSES.length);
  });

  it('GIVEN a status the console does not know yet (a newer API), THEN it is shown by name in the neutral tone', () => {
    expect(statusLook('ARCHIVED')).toEqual({ label: 'ARCHIVED', tone: 'neutral', inFlight: false });
  });

  it('GIVEN every tone and channel colour pair, THEN text on background has at least 4.5:1 contrast (WCAG AA)', () => {
    for (const [name, c] of [...Object.entries(TONE_COLOURS), ...Object.entries(CHANNEL_COLOURS)]) {
      expect({ name, ok: contrastRatio(c.text, c.background) >= 4.5 }).toEqual({ name, ok: true });
    }
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  it('GIVEN the stylesheet, THEN each .tone-* rule paints the colours the tone table names', () => {
    const css = readFileSync(new URL('../../web/src/styles.css', import.meta.url), 'utf8');
    for (const [tone, c] of Object.entries(TONE_COLOURS)) {
      expect(css).toContain(`.tone-${tone} { color: ${c.text}; background: ${c.background}; }`);
    }
  });
});
