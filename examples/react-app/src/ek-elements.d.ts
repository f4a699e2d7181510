/**
 * The widgets in JSX. React 19 sets a custom element's properties (and attributes for the rest)
 * and listens to its events given as `on` + the event's name, so `onek-join` receives `ek-join`;
 * these lines give those props their types, from the element classes themselves.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { EkEventDetail, EkGroupFinder, EkProvider } from '@ekollega/widgets';

type Settings = { 'api-url'?: string; 'tenant-key'?: string; 'token-url'?: string; lang?: string };
type WidgetProps<E> = DetailedHTMLProps<HTMLAttributes<E>, E> & Settings;
type On<K extends keyof EkEventDetail> = (event: CustomEvent<EkEventDetail[K]>) => void;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'ek-provider': WidgetProps<EkProvider>;
      'ek-group-finder': WidgetProps<EkGroupFinder> & {
        theme?: string;
        'has-places'?: boolean;
        'onek-join'?: On<'ek-join'>;
        'onek-group-select'?: On<'ek-group-select'>;
        'onek-auth-required'?: On<'ek-auth-required'>;
      };
    }
  }
}
