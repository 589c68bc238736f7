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

/** Workfront's built-in task status codes (execution, issue 15). */
export const TASK_STATUSES: Record<string, string> = {
  NEW: 'New',
  INP: 'In Progress',
  CPL: 'Complete',
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
</tbody></table>
${tasks.length > 0 ? `<p><a href="${escape(basePath)}tasks">Tasks, with their assignees and predecessors</a></p>` : ''}</body></html>`;
}

/** The sandbox's task page (execution, issue 15): its own page, so project rows stay the only rows on the first. */
export function tasksPage(tasks: readonly SandboxObject[], basePath: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Workfront sandbox — tasks</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem .6rem;text-align:left}</style></head>
<body><h1>Workfront sandbox — tasks</h1>
<p><a href="${escape(basePath)}">Projects</a>. Changing a status here sends the UPDATE webhook a Workfront event subscription would send.</p>
${tasksTable(tasks, basePath) || '<p>No tasks yet.</p>'}</body></html>`;
}

/** Every task with its assignee and predecessors, and a status select to play the assignee. */
function tasksTable(tasks: readonly SandboxObject[], basePath: string): string {
  if (tasks.length === 0) return '';
  const rows = tasks
    .map((t) => {
      const options = Object.entries(TASK_STATUSES)
        .map(([code, label]) => `<option value="${code}"${code === t.status ? ' selected' : ''}>${escape(label)} (${code})</option>`)
        .join('');
      const preds = Array.isArray(t.predecessors) ? t.predecessors.length : 0;
      return `<tr><td>${escape(t.name)}</td><td><code>${escape(t.extRefID)}</code></td><td>${escape(t.plannedStartDate)} – ${escape(t.plannedCompletionDate)}</td><td><code>${escape(t.assignedToID ?? '')}</code></td><td>${preds}</td><td>${escape(t.percentComplete)}%</td>
<td><form method="post" action="${basePath}ui/task/${escape(t.ID)}"><select name="status" aria-label="Status of task ${escape(t.name)}">${options}</select> <button type="submit">Save</button></form></td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>Task</th><th>extRefID</th><th>Planned</th><th>Assignee</th><th>Predecessors</th><th>Done</th><th>Status</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}
