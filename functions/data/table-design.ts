// The single table's design, stated once. The CDK data stack, the tests and
// the local runtime all build the table from this object, so the deployed
// table and the one the tests run against cannot differ.

export interface KeyPair {
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface IndexDesign extends KeyPair {
  readonly indexName: string;
  /** What the index answers, for readers of the stack and the repository. */
  readonly purpose: string;
}

export const TABLE_DESIGN = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB deletes short-lived items (approvals, de-duplication) after it. */
  timeToLiveAttribute: 'expiresAtEpoch',
  globalSecondaryIndexes: [
    {
      indexName: 'GSI1',
      partitionKey: 'GSI1PK',
      sortKey: 'GSI1SK',
      purpose: "a tenant's campaigns in one status, by creation time",
    },
    {
      indexName: 'GSI2',
      partitionKey: 'GSI2PK',
      sortKey: 'GSI2SK',
      purpose: 'a Workfront object ID back to its campaign',
    },
    {
      indexName: 'GSI3',
      partitionKey: 'GSI3PK',
      sortKey: 'GSI3SK',
      purpose: "all of a tenant's campaigns, by creation time",
    },
    // execution (issue 15): one overloaded index, because CloudFormation adds one GSI per table update.
    {
      indexName: 'GSI4',
      partitionKey: 'GSI4PK',
      sortKey: 'GSI4SK',
      purpose: "a member's tasks by start date (my tasks); a tenant's campaign calendar by end date",
    },
  ],
} as const satisfies KeyPair & { timeToLiveAttribute: string; globalSecondaryIndexes: readonly IndexDesign[] };

export type IndexName = (typeof TABLE_DESIGN.globalSecondaryIndexes)[number]['indexName'];
