// An EventBridge client pointed at the test AWS endpoint (fake-aws.ts), and the
// PutEvents entries it sent, for tests that only care about published events.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { startFakeAws, TEST_AWS, type FakeAws, type PutEntry } from './fake-aws.ts';

export interface PutEventsRecorder {
  readonly client: EventBridgeClient;
  /** Every entry sent so far, in order. */
  readonly entries: readonly PutEntry[];
  /** The fake endpoint behind the client, to script refusals. */
  readonly aws: FakeAws;
  close(): Promise<void>;
}

export async function startPutEventsRecorder(): Promise<PutEventsRecorder> {
  const fake = await startFakeAws();
  const client = new EventBridgeClient({ endpoint: fake.endpoint, ...TEST_AWS });
  return {
    client,
    get entries() {
      return fake.entries;
    },
    aws: fake,
    close: async () => {
      client.destroy();
      await fake.close();
    },
  };
}
