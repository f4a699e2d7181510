import { expect, waitUntil } from '@open-wc/testing';
import { part, testApi } from '../test/host-site.js';
import './ekollega-widgets.js';

const { apiUrl, tenantKey } = await testApi();

describe('ekollega-widgets.js, the loader entry', () => {
  it('holds a line for an element until its chunk arrives, no more than its loading state', async () => {
    const status = Object.assign(document.createElement('ek-member-status'), {
      // A sign-in that never answers keeps the element in its loading state.
      getMemberToken: () => new Promise<never>(() => {}),
    });
    status.setAttribute('api-url', apiUrl);
    status.setAttribute('tenant-key', tenantKey);
    document.body.append(status);
    expect(status.matches(':defined')).to.equal(false);
    expect(getComputedStyle(status).display).to.equal('block');
    const waiting = status.getBoundingClientRect().height;
    expect(waiting).to.be.greaterThan(0);

    await waitUntil(() => part(status, 'skeleton'), 'the element never showed its loading state');
    expect(waiting).to.be.at.most(status.getBoundingClientRect().height);
    status.remove();
  });

  it('leaves a hidden element hidden until its chunk arrives', () => {
    const finder = document.createElement('ek-group-finder');
    finder.hidden = true;
    document.body.append(finder);
    expect(getComputedStyle(finder).display).to.equal('none');
    finder.remove();
  });

  it('adds no box for a provider until its chunk arrives', () => {
    const provider = document.createElement('ek-provider');
    document.body.append(provider);
    expect(getComputedStyle(provider).display).to.equal('contents');
    provider.remove();
  });
});
