// Applying Workfront events against DynamoDB Local: a failure after the
// de-duplication claim gives the claim back, so Workfront's retry is applied.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { DeduplicationStore } from '../../functions/data/deduplication-store.ts';
import { applyWorkfrontEvent, type ApplyDeps } from '../../functions/use-cases/apply-workfront-event.ts';
import { parseWorkfrontEvent } from '../../functions/workfront/event-payload.ts';
import { WorkfrontObjectEvents } from '../../functions/workfront/object-updated-events.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { startFakeAws, type FakeAws } from '../support/fake-aws.ts';
import { NOW } from '../support/fixtures.ts';
import { DOCUMENTED_UPDATE } from './fixtures/documented-payloads.ts';

let aws: FakeAws;
let deps: ApplyDeps;
let table: Awaited<ReturnType<typeof createTestTable>>;

beforeAll(async () => {
  table = await createTestTable();
  aws = await startFakeAws();
  deps = {
    repo: new CampaignRepository(table.doc, table.tableName),
    dedup: new DeduplicationStore(table.doc, table.tableName),
    events: new WorkfrontObjectEvents(new EventBridgeClient({ endpoint: aws.endpoint, ...LOCAL_AWS }), 'mcc'),
    now: () => NOW,
  };
});
afterAll(() => aws.close());

describe('applyWorkfrontEvent', () => {
  it('releases the claim when storing fails, so the redelivery is applied', async () => {
    const objId = DOCUMENTED_UPDATE.newState.ID;
    await deps.repo.putWorkfrontLink('acme', { objCode: 'PROJ', objId, campaignId: 'cmp-r', status: 'PLN', updatedAt: NOW.toISOString() });
    class FailingOnce extends CampaignRepository {
      failed = false;
      override async updateWorkfrontLinkStatus(...args: Parameters<CampaignRepository['updateWorkfrontLinkStatus']>) {
        if (!this.failed) {
          this.failed = true;
          throw new Error('DynamoDB is having a moment');
        }
        return super.updateWorkfrontLinkStatus(...args);
      }
    }
    const failing = { ...deps, repo: new FailingOnce(table.doc, table.tableName) };
    const event = parseWorkfrontEvent(DOCUMENTED_UPDATE);
    await expect(applyWorkfrontEvent(failing, 'acme', event)).rejects.toThrow(/moment/);
    expect(await applyWorkfrontEvent(failing, 'acme', event)).toBe('applied');
    expect(await applyWorkfrontEvent(failing, 'acme', event)).toBe('duplicate');
  });

  it('ignores object types and event types MCC does not act on', async () => {
    const issue = parseWorkfrontEvent({ ...DOCUMENTED_UPDATE, newState: { ...DOCUMENTED_UPDATE.newState, objCode: 'OPTASK' } });
    expect(await applyWorkfrontEvent(deps, 'acme', issue)).toBe('ignored');
  });
});
