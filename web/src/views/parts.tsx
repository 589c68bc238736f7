// Small pieces every view uses: the status badge, dates, GraphQL error text.
import type { CombinedError } from 'urql';
import { statusLook } from '../logic/status.ts';

export function StatusBadge({ status }: { status: string }) {
  const look = statusLook(status);
  return <span className={`badge tone-${look.tone}`} data-status={status}>{look.label}</span>;
}

export function errorText(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.graphQLErrors.length) return error.graphQLErrors.map((e) => e.message).join('; ');
  return error.networkError?.message ?? error.message;
}

export function ErrorNote({ error }: { error: CombinedError | undefined }) {
  const text = errorText(error);
  return text ? <p className="error" role="alert">{text}</p> : null;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
