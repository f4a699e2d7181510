import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@ekollega/widgets/provider';
import '@ekollega/widgets/group-finder';

// Where the API is, the association's publishable key and the site's token endpoint:
// `?api=…&key=pk_…&token-url=/api/ekollega-token` (see README.md). Without a token endpoint
// everyone is a visitor.
const query = new URLSearchParams(location.search);
const apiUrl = query.get('api') ?? 'http://127.0.0.1:8787';
const tenantKey = query.get('key') ?? '';
const tokenUrl = query.get('token-url') ?? undefined;

function App() {
  const [joined, setJoined] = useState<string | null>(null);
  return (
    <main>
      <h1>Vertaisryhmät</h1>
      {joined && <p role="status">Liityit ryhmään ({joined}).</p>}
      <ek-provider api-url={apiUrl} tenant-key={tenantKey} token-url={tokenUrl} lang="fi">
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
