// New campaign: the brief as a form, checked by the API's own schema before
// it is sent; whatever the backend still refuses is shown next to its field.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { useLocation } from 'wouter';
import { isMarketer, type Session } from '../auth/session.ts';
import { useCampaignStore } from '../graphql/campaign-store.tsx';
import { CREATE_CAMPAIGN } from '../graphql/operations.ts';
import { fieldErrorsFromMessage, validateCampaignForm, type FieldErrors } from '../logic/campaign-form.ts';
import { CHANNELS, type CampaignRow } from '../logic/types.ts';
import { errorText } from './parts.tsx';

const TYPES = ['PRODUCT_LAUNCH', 'FLAGSHIP_EVENT', 'EVENT', 'WEBINAR', 'EMAIL', 'SOCIAL', 'PARTNER', 'CONTENT'];
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD'];

function Field({ name, label, errors, children }: { name: string; label: string; errors: FieldErrors; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const messages = errors[name];
  const id = `f-${name.replace('.', '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(messages), ...(messages ? { 'aria-describedby': `${id}-error` } : {}) })}
      {messages && <p className="field-error" id={`${id}-error`} data-field={name}>{messages.join('; ')}</p>}
    </div>
  );
}

export function NewCampaignView({ session }: { session: Session }) {
  const [, navigate] = useLocation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [channels, setChannels] = useState<string[]>(['EMAIL']);
  const [created, create] = useMutation(CREATE_CAMPAIGN);
  const store = useCampaignStore();
  if (!isMarketer(session)) return <><h1>New campaign</h1><p>Only the marketers group can create campaigns.</p></>;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '');
    const checked = validateCampaignForm(
      { name: v('name'), type: v('type'), objective: v('objective'), targetAudience: v('targetAudience'), budgetAmount: v('budgetAmount'), currency: v('currency'), channels, launchDate: v('launchDate'), endDate: v('endDate'), approvers: v('approvers') },
      session.email,
    );
    setFormError(undefined);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const result = await create({ input: checked.input });
    if (result.error) {
      const message = errorText(result.error) ?? 'The campaign was not created';
      const fields = fieldErrorsFromMessage(message);
      if (fields) setErrors(fields);
      else setFormError(message);
      return;
    }
    // Back to the table, where the new row follows its build live.
    const row = (result.data as { createCampaign?: CampaignRow } | undefined)?.createCampaign;
    if (row) store.add(row);
    navigate('/');
  };
  const toggle = (c: string) => setChannels((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]));
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <h1>New campaign</h1>
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-describedby={hasErrors ? 'form-errors' : undefined}>
        {hasErrors && <p id="form-errors" className="error" role="alert">Please correct the fields marked below.</p>}
        {formError && <p className="error" role="alert">{formError}</p>}
        <Field name="name" label="Name" errors={errors}>{(p) => <input name="name" {...p} />}</Field>
        <Field name="type" label="Type" errors={errors}>{(p) => <select name="type" defaultValue="WEBINAR" {...p}>{TYPES.map((t) => <option key={t}>{t}</option>)}</select>}</Field>
        <Field name="objective" label="Objective" errors={errors}>{(p) => <textarea name="objective" {...p} />}</Field>
        <Field name="targetAudience" label="Audience" errors={errors}>{(p) => <textarea name="targetAudience" {...p} />}</Field>
        <div className="row">
          <Field name="budget.amount" label="Budget" errors={errors}>{(p) => <input name="budgetAmount" inputMode="decimal" {...p} />}</Field>
          <Field name="budget.currency" label="Currency" errors={errors}>{(p) => <select name="currency" defaultValue="USD" {...p}>{CURRENCIES.map((c) => <option key={c}>{c}</option>)}</select>}</Field>
        </div>
        <fieldset aria-describedby={errors.channels ? 'f-channels-error' : undefined}>
          <legend>Channels</legend>
          {CHANNELS.map((c) => (
            <label key={c} className="inline"><input type="checkbox" name="channels" value={c} checked={channels.includes(c)} onChange={() => toggle(c)} />{c}</label>
          ))}
          {errors.channels && <p className="field-error" id="f-channels-error" data-field="channels">{errors.channels.join('; ')}</p>}
        </fieldset>
        <div className="row">
          <Field name="launchDate" label="Launch date (YYYY-MM-DD)" errors={errors}>{(p) => <input name="launchDate" placeholder="2026-05-04" {...p} />}</Field>
          <Field name="endDate" label="End date (YYYY-MM-DD)" errors={errors}>{(p) => <input name="endDate" placeholder="2026-05-29" {...p} />}</Field>
        </div>
        <Field name="approvers" label="Approvers (e-mail addresses, comma separated)" errors={errors}>{(p) => <input name="approvers" {...p} />}</Field>
        <button type="submit" disabled={created.fetching}>Create campaign</button>
      </form>
    </>
  );
}
