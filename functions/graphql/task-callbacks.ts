// The port an approver's decision needs from Step Functions: resume the
// execution waiting on the approval's task token. Implemented over the SDK, so
// the local runtime serves it through AWS_ENDPOINT_URL_SFN.
import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { ApprovalOutcome } from '../workflow/contracts.ts';

export interface TaskCallbacks {
  sendTaskSuccess(taskToken: string, outcome: ApprovalOutcome): Promise<void>;
}

export function stepFunctionsCallbacks(sfn: SFNClient): TaskCallbacks {
  return {
    async sendTaskSuccess(taskToken, outcome) {
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(outcome) }));
    },
  };
}
