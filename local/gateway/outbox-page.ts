// /_local/outbox as a page for people: newest mail first, with its approve /
// reject links and the mail itself in a sandboxed frame.
import type { OutboxMail } from './outbox.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function outboxHtml(mails: readonly OutboxMail[]): string {
  const items = [...mails]
    .reverse()
    .map((m) => {
      const links = [m.links.approve && `<a href="${escape(m.links.approve)}">approve</a>`, m.links.reject && m.links.reject !== m.links.approve && `<a href="${escape(m.links.reject)}">reject</a>`]
        .filter(Boolean)
        .join(' · ');
      const body = m.html ? `<iframe sandbox srcdoc="${escape(m.html)}"></iframe>` : `<pre>${escape(m.text ?? '')}</pre>`;
      return `<article><h2>${escape(m.subject)}</h2><p class="meta">${escape(m.sentAt)} · from ${escape(m.from)} to ${escape(m.to.join(', '))}${m.campaignId ? ` · campaign ${escape(m.campaignId)}` : ''}</p>${links ? `<p>${links}</p>` : ''}${body}</article>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>MCC outbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-bottom:1px solid #ddd;padding:1rem 0}.meta{color:#555;font-size:13px}iframe{width:100%;height:22rem;border:1px solid #eee}</style></head>
<body><h1>Outbox</h1><p>${mails.length} e-mail(s) the local runtime “sent”. JSON: <code>curl -H 'Accept: application/json' …/_local/outbox</code></p>${items || '<p>No e-mail yet.</p>'}</body></html>`;
}
