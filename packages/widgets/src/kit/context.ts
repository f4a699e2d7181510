import { createContext } from '@lit/context';
import type { EkSession, EkSettings } from './session.js';

/** What `<ek-provider>` gives every widget inside it. */
export interface EkProvided {
  /** The provider's settings; an element's own attributes win over them one by one. */
  settings: EkSettings;
  /** The client and text overrides for `settings`; `null` until `api-url` and `tenant-key` are set. */
  session: EkSession | null;
  /** Grows each time the provider is told the member changed; widgets load again when it does. */
  revision: number;
}

// A string key, not a Symbol: a provider and an element from two separately loaded bundles
// (say `provider.js` from one page script and `ekollega-widgets.js` from another) still meet.
export const ekContext = createContext<EkProvided | undefined>('ek-provider');
