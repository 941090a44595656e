/**
 * conf-kit in React: the `conf-kit/react` wrappers (here imported from the source), typed props
 * and `onConf*` event callbacks. URL: ?server=&room=&user=&name= (server defaults to this origin).
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfRoom, type ConfJoinedEvent } from '../../components/react.js';

const query = new URLSearchParams(location.search);
const server = query.get('server') || location.origin;
const room = query.get('room') || 'demo';
const userId = query.get('user') || '';
const name = query.get('name') || 'React user';

function App() {
  const [joined, setJoined] = useState<ConfJoinedEvent['detail'] | null>(null);
  const [others, setOthers] = useState<string[]>([]);
  return (
    <>
      <header>
        <h1>conf-kit + React</h1>
        <output id="joined" data-framework="react">{joined ? JSON.stringify(joined) : ''}</output>
        <output id="participants">{others.join(', ')}</output>
      </header>
      <ConfRoom
        server={server}
        room={room}
        userId={userId}
        name={name}
        autoJoin
        onConfJoined={(event) => setJoined(event.detail)}
        onConfLeft={() => setJoined(null)}
        onConfPublisherJoined={(event) => setOthers((ids) => [...ids, event.detail.userId])}
        onConfPublisherLeft={(event) => setOthers((ids) => ids.filter((id) => id !== event.detail.userId))}
        onConfError={(event) => console.warn('conf-error', event.detail.code, event.detail.message)}
      />
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
