// A one-page app built by Vite from the installed @ekollega/widgets; the test passes the API's
// address and the association's publishable key in the page's query.
import '@ekollega/widgets/provider';
import '@ekollega/widgets/group-finder';

const query = new URLSearchParams(location.search);
const provider = document.createElement('ek-provider');
provider.setAttribute('api-url', query.get('api') ?? '');
provider.setAttribute('tenant-key', query.get('key') ?? '');
provider.setAttribute('lang', 'en');
provider.append(document.createElement('ek-group-finder'));
document.body.append(provider);
