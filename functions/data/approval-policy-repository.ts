// A tenant's approval policy: stored once per tenant; absent means the brief's
// approvers decide as one ANY stage. Also the interim approver directory: the
// policy's `roles` name the people behind each role until the tenant's team
// (issue 15) does.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApprovalPolicy, type RoleName } from '../domain/approval-policy.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { approvalPolicyKey } from './approval-keys.ts';
import { withoutKeys } from './item-codec.ts';

// Serves use cases as the ApprovalPolicies and ApproverDirectory ports (ports/approval-policies.ts), which it
// satisfies structurally: repositories know the domain only, and the handlers' wiring type-checks the fit.
export class ApprovalPolicyRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  async policyFor(tenantId: string): Promise<ApprovalPolicy | undefined> {
    const { Item } = await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: approvalPolicyKey(tenantId), ConsistentRead: true }));
    if (!Item) return undefined;
    const { policy } = withoutKeys(Item) as { policy?: unknown };
    return ApprovalPolicy.parse(policy);
  }

  async put(tenantId: string, input: unknown, now: Date): Promise<ApprovalPolicy> {
    const policy = parseOrThrow(ApprovalPolicy, input, 'approval policy');
    await this.#doc.send(
      new PutCommand({ TableName: this.#tableName, Item: { ...approvalPolicyKey(tenantId), tenantId, policy, updatedAt: now.toISOString() } }),
    );
    return policy;
  }

  async membersOf(tenantId: string, role: RoleName): Promise<readonly string[]> {
    return (await this.policyFor(tenantId))?.roles[role] ?? [];
  }
}
