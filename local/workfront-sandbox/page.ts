// The sandbox's one page: every project with a status select, so a person can
// change a status as a Workfront user would and watch the webhook arrive.
import type { SandboxObject } from './store.ts';

/** Workfront's built-in project status codes. */
export const PROJECT_STATUSES: Record<string, string> = {
  PLN: 'Planning',
  CUR: 'Current',
  ONH: 'On Hold',
  CPL: 'Complete',
  DED: 'Dead',
  REQ: 'Requested',
  APR: 'Approved',
  REJ: 'Rejected',
  IDA: 'Idea',
};

const escape = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function projectsPage(projects: readonly SandboxObject[], tasks: readonly SandboxObject[], basePath: string): string {
  const rows = projects
    .map((p) => {
      const options = Object.entries(PROJECT_STATUSES)
        .map(([code, label]) => `<option value="${code}"${code === p.status ? ' selected' : ''}>${escape(label)} (${code})</option>`)
        .join('');
      const taskCount = tasks.filter((t) => t.projectID === p.ID).length;
      return `<tr><td>${escape(p.name)}</td><td><code>${escape(p.extRefID)}</code></td><td><code>${escape(p.ID)}</code></td><td>${taskCount}</td>
<td><form method="post" action="${basePath}ui/proj/${escape(p.ID)}"><select name="status" aria-label="Status of ${escape(p.name)}">${options}</select> <button type="submit">Save</button></form></td></tr>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Workfront sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem .6rem;text-align:left}</style></head>
<body><h1>Workfront sandbox — projects</h1>
<p>Changing a status here sends the UPDATE webhook a Workfront event subscription would send.</p>
<table><thead><tr><th>Project</th><th>extRefID</th><th>ID</th><th>Tasks</th><th>Status</th></tr></thead><tbody>
${rows || '<tr><td colspan="5">No projects yet.</td></tr>'}
</tbody></table></body></html>`;
}
