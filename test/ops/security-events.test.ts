// Security events leave a function as a WARN log line naming the event and an
// EMF metric under service=security, written at once, so the monitoring
// stack's one alarm sums them across functions.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordSecurityEvent, SECURITY_EVENTS, SECURITY_SERVICE } from '../../functions/shared/security-events.ts';

let lines: Record<string, unknown>[] = [];
beforeEach(() => {
  lines = [];
  const capture = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a JSON line
      }
    }
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

describe('security events', () => {
  it.each(Object.values(SECURITY_EVENTS))('%s is logged as a security event and counted under service=security', (event) => {
    recordSecurityEvent(event, { tenant: 'acme' });
    const log = lines.find((l) => l.securityEvent === event);
    expect(log).toMatchObject({ level: 'WARN', tenant: 'acme' });
    const emf = lines.find((l) => (l._aws as { CloudWatchMetrics?: unknown[] } | undefined)?.CloudWatchMetrics);
    expect(emf).toMatchObject({ service: SECURITY_SERVICE, [event]: 1 });
    const [directive] = (emf?._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] }).CloudWatchMetrics;
    expect(directive).toMatchObject({ Namespace: 'MarketingCommandCenter', Metrics: [{ Name: event }] });
    expect(directive?.Dimensions).toEqual([['service']]);
  });
});
