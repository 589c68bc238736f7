// Assistant: the person's conversations, kept by the backend (the open one's
// ID in localStorage, so a reload shows it again), answers with their
// sources, and the action the assistant asks to take (e.g. create a campaign)
// with Confirm / Deny: nothing happens until the person answers.
import { Fragment, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import type { Session } from '../auth/session.ts';
import { CONFIRM_AGENT_ACTION, GET_CONVERSATION, LIST_CONVERSATIONS, SEND_AGENT_MESSAGE } from '../graphql/operations.ts';
import { parameterLines, resultCampaignId } from '../logic/agent-action.ts';
import type { AgentAction, ConversationMessage, PendingAction } from '../logic/types.ts';
import { ErrorNote, when } from './parts.tsx';

interface Conversation {
  conversationId: string;
  title?: string | null;
  messages: ConversationMessage[];
  pendingAction: PendingAction | null;
  actions: AgentAction[];
}
interface Reply { conversationId: string }

const keyFor = (session: Session) => `mcc.conversation.${session.tenantId}.${session.sub}`;

export function AgentMessage({ message }: { message: ConversationMessage }) {
  return (
    <li className={`message ${message.role.toLowerCase()}`}>
      <p className="meta">{message.role === 'USER' ? 'You' : 'Assistant'} · {when(message.createdAt)}</p>
      <p className="body">{message.content}</p>
      {message.citations.length > 0 && (
        <ul className="citations" aria-label="Sources">
          {message.citations.map((c) => (
            <li key={c.documentId}>
              <details>
                <summary>{c.title} <span className="muted">({c.documentId})</span></summary>
                {c.excerpt && <blockquote>{c.excerpt}</blockquote>}
              </details>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function PendingActionCard({ conversationId, action, onAnswered }: { conversationId: string; action: PendingAction; onAnswered: () => void }) {
  const [answer, run] = useMutation(CONFIRM_AGENT_ACTION);
  const decide = async (confirm: boolean) => {
    const result = await run({ conversationId, actionId: action.actionId, confirm });
    if (!result.error) onAnswered();
  };
  return (
    <section className="pending-action" aria-labelledby="pending-title" data-action-id={action.actionId}>
      <h2 id="pending-title">The assistant asks to {action.name === 'createCampaign' ? 'create a campaign' : action.name}</h2>
      <p>{action.summary}</p>
      <dl className="facts">{parameterLines(action.parameters).map((p) => <Fragment key={p.key}><dt>{p.key}</dt><dd>{p.value}</dd></Fragment>)}</dl>
      <ErrorNote error={answer.error} />
      <button type="button" onClick={() => void decide(true)} disabled={answer.fetching}>Confirm</button>
      <button type="button" className="danger" onClick={() => void decide(false)} disabled={answer.fetching}>Deny</button>
    </section>
  );
}

export function AssistantView({ session }: { session: Session }) {
  const [conversationId, setConversationId] = useState<string | null>(() => localStorage.getItem(keyFor(session)));
  const open = (id: string | null) => {
    if (id) localStorage.setItem(keyFor(session), id);
    else localStorage.removeItem(keyFor(session));
    setConversationId(id);
  };
  const [{ data, error }, refetch] = useQuery<{ getConversation: Conversation | null }>({ query: GET_CONVERSATION, variables: { conversationId: conversationId ?? '' }, pause: !conversationId, requestPolicy: 'cache-and-network' });
  const [{ data: list }, refetchList] = useQuery<{ listConversations: { items: { conversationId: string; title: string; updatedAt: string }[] } }>({ query: LIST_CONVERSATIONS, requestPolicy: 'cache-and-network' });
  const [sent, send] = useMutation<{ sendAgentMessage: Reply }>(SEND_AGENT_MESSAGE);
  const [draft, setDraft] = useState('');
  const conversation = conversationId ? data?.getConversation : undefined;
  const messages = conversation?.messages ?? [];
  const refresh = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchList({ requestPolicy: 'network-only' });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    // Without an ID the backend starts a conversation and names it in the reply.
    const result = await send({ ...(conversationId ? { conversationId } : {}), message: text });
    const reply = result.data?.sendAgentMessage;
    if (!result.error && reply) {
      setDraft('');
      if (reply.conversationId !== conversationId) open(reply.conversationId);
      else refresh();
    }
  };
  const decided = (conversation?.actions ?? []).filter((a) => a.status !== 'PENDING');
  return (
    <div className="assistant">
      <nav aria-label="Conversations" className="conversations">
        <button type="button" onClick={() => open(null)}>New conversation</button>
        <ul>
          {(list?.listConversations.items ?? []).map((c) => (
            <li key={c.conversationId}>
              <button type="button" className="link" aria-current={c.conversationId === conversationId ? 'true' : undefined} onClick={() => open(c.conversationId)}>{c.title || c.conversationId}</button>
            </li>
          ))}
        </ul>
      </nav>
      <div>
        <h1>Assistant</h1>
        <p className="muted">Ask about playbooks, tiers and channels, or ask it to create a campaign; answers cite their sources.</p>
        <ErrorNote error={error} />
        <ol className="conversation" aria-live="polite">{messages.map((m) => <AgentMessage key={m.messageId} message={m} />)}</ol>
        {messages.length === 0 && <p>No messages yet.</p>}
        {conversationId && conversation?.pendingAction && <PendingActionCard key={conversation.pendingAction.actionId} conversationId={conversationId} action={conversation.pendingAction} onAnswered={refresh} />}
        {decided.length > 0 && (
          <section aria-labelledby="actions-title">
            <h2 id="actions-title">Actions</h2>
            <ul className="actions">
              {decided.map((a) => {
                const campaignId = resultCampaignId(a.result);
                return (
                  <li key={a.actionId} data-action-id={a.actionId} data-status={a.status}>
                    {a.summary} — {a.status.toLowerCase()} {when(a.decidedAt)}
                    {campaignId && <> · <Link href={`/campaigns/${encodeURIComponent(campaignId)}`}>open the campaign</Link></>}
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        <form className="form" onSubmit={(e) => void submit(e)}>
          <label htmlFor="message">Message</label>
          <textarea id="message" name="message" value={draft} onChange={(e) => setDraft(e.target.value)} rows={3} />
          <ErrorNote error={sent.error} />
          <button type="submit" disabled={sent.fetching}>{sent.fetching ? 'Sending…' : 'Send'}</button>
        </form>
      </div>
    </div>
  );
}
