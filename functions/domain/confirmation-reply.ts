// Whether a message answers a pending action with a plain yes or no. Only
// unambiguous replies count: anything carrying a change ("yes, but make it
// $40k") goes to the assistant as a new turn, so the draft is updated rather
// than the old one confirmed.
export type ConfirmationReply = 'CONFIRM' | 'DENY';

const YES = /^(?:y|yes|yep|yeah|sure|ok|okay|confirm(?:ed)?|go ahead|do it|please do|sounds good|looks good|correct|approved?)\b/i;
const NO = /^(?:n|no|nope|cancel|don'?t|do not|stop|deny|abort|never ?mind|not now)\b/i;
/** A change or a number after the yes means the user is editing, not confirming. */
const CHANGE = /\b(?:but|change|make it|instead|actually|rather|except|\$|\d)/i;

export function readConfirmation(message: string): ConfirmationReply | undefined {
  const text = message.trim().replace(/^[\s"'“”]+|[\s"'“”.!]+$/g, '');
  if (text.length > 120) return undefined;
  if (NO.test(text)) return 'DENY';
  if (YES.test(text) && !CHANGE.test(text.replace(YES, ''))) return 'CONFIRM';
  return undefined;
}
