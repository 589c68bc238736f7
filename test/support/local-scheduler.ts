// The local EventBridge Scheduler (local/scheduler) behind its REST-JSON API
// on a free port, with the real SDK client pointed at it: what the reminder
// adapter talks to in tests. `deliver` is what a fired target does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { serveScheduler } from '../../local/gateway/scheduler-api.ts';
import { SchedulerService, type SchedulerServiceOptions } from '../../local/scheduler/scheduler-service.ts';
import { TEST_AWS } from './fake-aws.ts';

export interface RunningScheduler {
  readonly service: SchedulerService;
  readonly client: SchedulerClient;
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startLocalScheduler(options: Partial<SchedulerServiceOptions> & Pick<SchedulerServiceOptions, 'deliver'>): Promise<RunningScheduler> {
  const service = new SchedulerService({ region: 'us-east-1', account: '000000000000', file: undefined, retryBaseMs: 20, ...options });
  const server = createServer((req, res) => {
    void serveScheduler(req, res, new URL(req.url ?? '/', 'http://localhost'), service);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  service.start();
  const client = new SchedulerClient({ endpoint, ...TEST_AWS });
  return {
    service,
    client,
    endpoint,
    stop: async () => {
      client.destroy();
      await service.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
