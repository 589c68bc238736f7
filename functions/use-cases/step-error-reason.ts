// The reason stored on a failed post or campaign, from the error a Step Functions Catch caught.
import type { StepError } from '../workflow/contracts.ts';

const MAX_REASON = 2000;

/** Lambda puts `{"errorType","errorMessage",…}` in Cause; the message is what a person needs to read. */
export function describeStepError(error: StepError): string {
  let detail = error.Cause ?? '';
  try {
    const cause: unknown = JSON.parse(detail);
    if (typeof cause === 'object' && cause !== null && typeof (cause as { errorMessage?: unknown }).errorMessage === 'string') {
      detail = (cause as { errorMessage: string }).errorMessage;
    }
  } catch {
    // Cause is plain text (or absent): use it as it is.
  }
  return (detail ? `${error.Error}: ${detail}` : error.Error).slice(0, MAX_REASON);
}
