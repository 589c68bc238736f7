// The Workfront sandbox as a person and the local runtime use it: the status
// page, JSON status changes, persistence across restarts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listen } from '../../local/workfront-sandbox/index.ts';

describe('Workfront sandbox', () => {
  it('lists projects with a status select, and saving the form changes the status and notifies subscribers', async () => {
    const { sandbox, url, close } = await listen({ apiKeys: ['k'] });
    try {
      const headers = { apiKey: 'k', 'Content-Type': 'application/json' };
      await fetch(`${url}/attask/eventsubscription/api/v1/subscriptions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objCode: 'PROJ', eventType: 'UPDATE', url: 'http://127.0.0.1:9/unreachable', authToken: 't' }),
      });
      const { data } = (await (await fetch(`${url}/attask/api/v22.0/proj`, { method: 'POST', headers, body: JSON.stringify({ name: 'Q1 <launch>' }) })).json()) as { data: { ID: string } };

      const page = await (await fetch(`${url}/`)).text();
      expect(page).toContain('Q1 &lt;launch&gt;');
      expect(page).toContain(`action="${url}/ui/proj/${data.ID}"`);
      expect(page).toContain('<option value="CUR" selected>');

      const saved = await fetch(`${url}/ui/proj/${data.ID}`, { method: 'POST', body: new URLSearchParams({ status: 'ONH' }), redirect: 'manual' });
      expect(saved.status).toBe(303);
      await sandbox.idle();
      expect(sandbox.store.objects.get(data.ID)?.status).toBe('ONH');
      expect(sandbox.deliveries).toEqual([expect.objectContaining({ eventType: 'UPDATE', objId: data.ID, error: expect.any(String) })]);

      const put = await fetch(`${url}/attask/api/v22.0/proj/${data.ID}`, { method: 'PUT', headers, body: JSON.stringify({ status: 'CPL' }) });
      expect(((await put.json()) as { data: { status: string } }).data.status).toBe('CPL');
    } finally {
      await close();
    }
  });

  it('keeps projects and subscriptions in its data file across restarts', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'wf-sandbox-')), 'workfront.json');
    const first = await listen({ apiKeys: ['k'], dataFile });
    const created = await fetch(`${first.url}/attask/api/v22.0/proj?name=Persisted&extRefID=cmp-p`, { method: 'POST', headers: { apiKey: 'k' } });
    const { data } = (await created.json()) as { data: { ID: string } };
    await first.close();
    const second = await listen({ apiKeys: ['k'], dataFile });
    try {
      const found = await fetch(`${second.url}/attask/api/v22.0/proj/search?extRefID=cmp-p`, { headers: { apiKey: 'k' } });
      expect(((await found.json()) as { data: { ID: string }[] }).data.map((p) => p.ID)).toEqual([data.ID]);
    } finally {
      await second.close();
    }
  });

  it('answers unauthenticated API calls with the documented error envelope', async () => {
    const { url, close } = await listen({});
    try {
      const response = await fetch(`${url}/attask/api/v22.0/proj/search`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { class: expect.any(String), message: expect.any(String) } });
    } finally {
      await close();
    }
  });
});
