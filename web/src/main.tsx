// The console's entry: read config.json, find out who is signed in (the local
// identity picker or Cognito's hosted UI), then render the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadConfig } from './config.ts';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

loadConfig(new URL(window.location.href)).then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<main className="page"><h1>The console could not start</h1><p role="alert">{String(error)}</p></main>),
);
