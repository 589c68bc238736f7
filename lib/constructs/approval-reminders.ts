// The approval reminders (issue 17): the function reminder schedules invoke
// and the role EventBridge Scheduler assumes to invoke it (that function only,
// and only for schedules of this account). Functions that schedule or clear
// reminders are bound to it with MccFunction.bindApprovalReminders /
// allowClearingApprovalReminders and the stage's group prefix.
import { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage.ts';
import { MccFunction } from './mcc-function.ts';

/** Every reminder schedule group of a stage starts with this (IAM is scoped to it). */
export function reminderGroupPrefix(stage: string): string {
  return `mcc-${stage}-apr-`;
}

export interface ApprovalRemindersProps {
  readonly settings: StageSettings;
  readonly logLevel?: string;
  readonly table: ITableV2;
  readonly eventBus: IEventBus;
  readonly approvalSigningKey: ISecret;
  /** `{approvalBaseUrl}/approvals/{jwt}`: the reminder's fresh links. */
  readonly approvalBaseUrl: string;
  readonly mailFrom: string;
}

export class ApprovalReminders extends Construct {
  public readonly function: MccFunction;
  /** Assumed by EventBridge Scheduler to invoke `function`. */
  public readonly schedulerRole: Role;
  public readonly groupPrefix: string;

  constructor(scope: Construct, id: string, props: ApprovalRemindersProps) {
    super(scope, id);
    this.groupPrefix = reminderGroupPrefix(props.settings.stage);
    this.function = new MccFunction(scope, 'ApprovalReminder', {
      handlerName: 'approval-reminder',
      settings: props.settings,
      ...(props.logLevel ? { logLevel: props.logLevel } : {}),
      description: 'A reminder schedule fired: reminds undecided approvers, or does nothing once decided',
    })
      .bindTable(props.table, 'readWrite')
      .bindEventBus(props.eventBus)
      .bindSecret('SIGNING_KEY_SECRET_ID', props.approvalSigningKey)
      .withEnvironment({ APPROVAL_BASE_URL: props.approvalBaseUrl, MAIL_FROM: props.mailFrom })
      .allowSendEmailFrom(props.mailFrom)
      .allowClearingApprovalReminders(this.groupPrefix);

    const account = Stack.of(this).account;
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': account } } }),
      description: 'EventBridge Scheduler invokes the approval reminder function',
    });
    this.schedulerRole.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.function.functionArn] }));
  }
}
