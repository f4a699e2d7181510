import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@ekollega/widgets/provider';
import '@ekollega/widgets/group-finder';

// Where the API is and the association's publishable key: `?api=…&key=pk_…` (see README.md).
const query = new URLSearchParams(location.search);
const apiUrl = query.get('api') ?? 'http://127.0.0.1:8787';
const tenantKey = query.get('key') ?? '';

function App() {
  const [joined, setJoined] = useState<string | null>(null);
  return (
    <main>
      <h1>Vertaisryhmät</h1>
      {joined && <p role="status">Liityit ryhmään ({joined}).</p>}
      <ek-provider api-url={apiUrl} tenant-key={tenantKey} token-url="/api/ekollega-token" lang="fi">
        <ek-group-finder has-places onek-join={(event) => setJoined(event.detail.status)} />
      </ek-provider>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
