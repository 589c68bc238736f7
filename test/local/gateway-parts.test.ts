// Pieces of the gateway that decide behaviour on their own: HTTP API route
// matching (most specific route wins, as API Gateway does) and the outbox's
// approval-link extraction.
import { describe, expect, it } from 'vitest';
import { approvalLinks } from '../../local/gateway/outbox.ts';
import { matchRoute } from '../../local/gateway/http-api.ts';
import type { LocalRoute } from '../../local/template/app-model.ts';

const route = (routeKey: string): LocalRoute => {
  const [method = 'ANY', path = '$default'] = routeKey === '$default' ? ['ANY', '$default'] : routeKey.split(' ');
  return { routeKey, method, path, functionArn: `fn:${routeKey}`, payloadFormatVersion: '2.0' };
};
const routes = ['GET /approvals/{token}', 'POST /approvals/{token}', 'POST /webhooks/workfront', 'ANY /files/{proxy+}', 'GET /approvals/health', '$default'].map(route);

describe('matchRoute', () => {
  it('matches method and path, extracting path parameters', () => {
    expect(matchRoute(routes, 'POST', '/approvals/abc.def')).toMatchObject({ route: { routeKey: 'POST /approvals/{token}' }, pathParameters: { token: 'abc.def' } });
    expect(matchRoute(routes, 'POST', '/webhooks/workfront')?.route.routeKey).toBe('POST /webhooks/workfront');
  });

  it('prefers a literal path over a parameter, and any route over $default', () => {
    expect(matchRoute(routes, 'GET', '/approvals/health')?.route.routeKey).toBe('GET /approvals/health');
    expect(matchRoute(routes, 'DELETE', '/approvals/x')?.route.routeKey).toBe('$default');
    expect(matchRoute(routes.slice(0, 3), 'DELETE', '/approvals/x')).toBeUndefined();
  });

  it('lets a greedy {proxy+} take the rest of the path', () => {
    expect(matchRoute(routes, 'PUT', '/files/a/b/c.txt')).toMatchObject({ route: { routeKey: 'ANY /files/{proxy+}' }, pathParameters: { proxy: 'a/b/c.txt' } });
  });
});

describe('approvalLinks', () => {
  it('picks the approve and reject variants when the mail has them', () => {
    const html = '<a href="http://127.0.0.1:4566/approvals/t1?decision=reject">No</a> <a href="http://127.0.0.1:4566/approvals/t1?decision=approve&amp;x=1">Yes</a>';
    expect(approvalLinks(html, null)).toEqual({
      approve: 'http://127.0.0.1:4566/approvals/t1?decision=approve&x=1',
      reject: 'http://127.0.0.1:4566/approvals/t1?decision=reject',
      all: ['http://127.0.0.1:4566/approvals/t1?decision=reject', 'http://127.0.0.1:4566/approvals/t1?decision=approve&x=1'],
    });
  });

  it('falls back to the first approval link, and to none', () => {
    expect(approvalLinks(null, 'Review it: http://localhost:4566/approvals/eyJ.a.b then decide')).toMatchObject({ approve: 'http://localhost:4566/approvals/eyJ.a.b', reject: 'http://localhost:4566/approvals/eyJ.a.b' });
    expect(approvalLinks('<p>no links</p>', 'https://example.com/other')).toEqual({ approve: null, reject: null, all: [] });
  });
});
