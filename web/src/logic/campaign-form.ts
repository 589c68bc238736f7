// The New campaign form's rules. The form is checked by the very schema the
// API checks a brief with (functions/domain/campaign-brief.ts), so the form
// and the backend cannot disagree; field names are the API's
// (targetAudience, budget.amount). Errors the backend still returns come back
// as one message — "Invalid campaign input: endDate: must …; name: …" — and
// are put next to their fields the same way.
import { CampaignBrief } from '../../../functions/domain/campaign-brief.ts';

export interface CampaignFormValues {
  readonly name: string;
  readonly type: string;
  readonly objective: string;
  readonly targetAudience: string;
  readonly budgetAmount: string;
  readonly currency: string;
  readonly channels: readonly string[];
  readonly launchDate: string;
  readonly endDate: string;
  /** Comma, semicolon or newline separated. */
  readonly approvers: string;
}

export interface CreateCampaignInput {
  readonly name: string;
  readonly type: string;
  readonly objective: string;
  readonly targetAudience: string;
  readonly budget: { readonly amount: number; readonly currency: string };
  readonly channels: readonly string[];
  readonly launchDate: string;
  readonly endDate: string;
  readonly approvers: readonly string[];
}

/** Field (API name) → its messages. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export type FormResult = { readonly ok: true; readonly input: CreateCampaignInput } | { readonly ok: false; readonly errors: FieldErrors };

const BRIEF_TO_API: Readonly<Record<string, string>> = { audience: 'targetAudience' };

export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function addError(errors: Record<string, string[]>, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

/**
 * Checks the form as the API will. `requestedBy` is the signed-in person's
 * e-mail (the API's default), so it is checked but never sent.
 */
export function validateCampaignForm(values: CampaignFormValues, requestedBy: string): FormResult {
  const amount = values.budgetAmount.trim() === '' ? Number.NaN : Number(values.budgetAmount);
  const input: CreateCampaignInput = {
    name: values.name.trim(),
    type: values.type,
    objective: values.objective.trim(),
    targetAudience: values.targetAudience.trim(),
    budget: { amount, currency: values.currency },
    channels: [...values.channels],
    launchDate: values.launchDate.trim(),
    endDate: values.endDate.trim(),
    approvers: splitList(values.approvers),
  };
  const errors: Record<string, string[]> = {};
  if (!Number.isFinite(amount)) addError(errors, 'budget.amount', 'must be a number');
  const { targetAudience, ...rest } = input;
  const result = CampaignBrief.safeParse({ ...rest, audience: targetAudience, requestedBy });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [head = '', ...tail] = issue.path.map(String);
      if (head === 'targetAudience' || head === 'requestedBy') continue;
      const field = [BRIEF_TO_API[head] ?? head, ...tail].join('.') || '(form)';
      // A list's item errors (approvers.1) belong to the list's field.
      const owner = /^(approvers|channels)\.\d+$/.test(field) ? field.replace(/\.\d+$/, '') : field;
      if (owner === 'budget.amount' && errors['budget.amount']) continue;
      addError(errors, owner, issue.message);
    }
  }
  return Object.keys(errors).length === 0 ? { ok: true, input } : { ok: false, errors };
}

/**
 * The field errors in a backend ValidationError message, or undefined when
 * the message is not one (then it is shown above the form).
 */
export function fieldErrorsFromMessage(message: string): FieldErrors | undefined {
  const m = /^Invalid [^:]+: (.*?)(?: \(fields: [^)]*\))?$/s.exec(message.trim());
  if (!m?.[1]) return undefined;
  const errors: Record<string, string[]> = {};
  for (const part of m[1].split('; ')) {
    const at = part.indexOf(': ');
    if (at <= 0) return undefined;
    const field = part.slice(0, at);
    addError(errors, /^(approvers|channels)\.\d+$/.test(field) ? field.replace(/\.\d+$/, '') : field, part.slice(at + 2));
  }
  return errors;
}
