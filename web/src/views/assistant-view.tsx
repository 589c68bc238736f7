// Assistant: one conversation per person, kept by the backend (the ID in
// localStorage, so a reload shows it again), answers with their sources.
// Messages render through AgentMessage so a pending action (confirm / deny)
// slots in when the API offers one.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import type { Session } from '../auth/session.ts';
import { GET_CONVERSATION, SEND_AGENT_MESSAGE } from '../graphql/operations.ts';
import type { ConversationMessage } from '../logic/types.ts';
import { ErrorNote, when } from './parts.tsx';

function conversationKey(session: Session): string {
  return `mcc.conversation.${session.tenantId}.${session.sub}`;
}

function conversationIdFor(session: Session): string {
  const key = conversationKey(session);
  const existing = localStorage.getItem(key);
  if (existing) return existing;
  const id = `conv-${crypto.randomUUID()}`;
  localStorage.setItem(key, id);
  return id;
}

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

export function AssistantView({ session }: { session: Session }) {
  const [conversationId, setConversationId] = useState(() => conversationIdFor(session));
  const [{ data, error }, refetch] = useQuery<{ getConversation: { messages: ConversationMessage[] } | null }>({ query: GET_CONVERSATION, variables: { conversationId }, requestPolicy: 'cache-and-network' });
  const [sent, send] = useMutation(SEND_AGENT_MESSAGE);
  const [draft, setDraft] = useState('');
  const messages = data?.getConversation?.messages ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    const result = await send({ conversationId, message: text });
    if (!result.error) {
      setDraft('');
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const restart = () => {
    localStorage.removeItem(conversationKey(session));
    setConversationId(conversationIdFor(session));
  };
  return (
    <>
      <h1>Assistant</h1>
      <p className="muted">Ask about playbooks, tiers and channels; answers cite the documents they come from.</p>
      <ErrorNote error={error} />
      <ol className="conversation" aria-live="polite">{messages.map((m) => <AgentMessage key={m.messageId} message={m} />)}</ol>
      {messages.length === 0 && <p>No messages yet.</p>}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label htmlFor="message">Message</label>
        <textarea id="message" name="message" value={draft} onChange={(e) => setDraft(e.target.value)} rows={3} />
        <ErrorNote error={sent.error} />
        <button type="submit" disabled={sent.fetching}>{sent.fetching ? 'Sending…' : 'Send'}</button>
        <button type="button" className="link" onClick={restart}>New conversation</button>
      </form>
    </>
  );
}
