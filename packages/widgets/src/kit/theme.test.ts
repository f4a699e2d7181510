import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { theme } from './theme.js';

/** sRGB channels of a computed colour (`rgb(…)` or `rgba(…)`). */
function channels(colour: string): [number, number, number] {
  const match = colour.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/);
  if (!match) throw new Error(`not an rgb colour: ${colour}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

class Buttons extends LitElement {
  static override styles = theme;
  override render() {
    return html`<button type="button" id="filled">Liity</button>
      <button type="button" id="secondary" class="secondary">Peru</button>
      <button type="button" id="title" class="title">Aamun yrittäjät</button>
      <input aria-label="Haku" id="field" />`;
  }
}
customElements.define('ek-test-buttons', Buttons);

/** A page in the demo association's light and dark colours. */
const PAGES = {
  light: { scheme: 'light', ink: 'rgb(28, 36, 48)', paper: 'rgb(255, 255, 255)' },
  dark: { scheme: 'dark', ink: 'rgb(232, 237, 243)', paper: 'rgb(18, 24, 32)' },
} as const;

describe('the theme', () => {
  for (const [name, page] of Object.entries(PAGES)) {
    describe(`on a ${name} page`, () => {
      it('shows a keyboard focus ring of at least 3:1 against the page around every button style', async () => {
        const wrapper = await fixture(
          html`<div
            style="color-scheme: ${page.scheme}; color: ${page.ink}; background: ${page.paper}; padding: 8px"
          >
            <button type="button">before</button><ek-test-buttons></ek-test-buttons>
          </div>`,
        );
        const host = wrapper.querySelector('ek-test-buttons')!;
        (wrapper.querySelector('button') as HTMLButtonElement).focus();
        for (const id of ['filled', 'secondary', 'title', 'field']) {
          await sendKeys({ press: 'Tab' });
          const control = host.shadowRoot!.activeElement!;
          expect(control.id).to.equal(id);
          const style = getComputedStyle(control);
          expect(style.outlineStyle, id).to.equal('solid');
          expect(parseFloat(style.outlineWidth), id).to.be.at.least(2);
          expect(parseFloat(style.outlineOffset), id).to.be.at.least(1);
          const ratio = contrast(style.outlineColor, page.paper);
          expect(ratio, `${id}: ring ${style.outlineColor} on ${page.paper}`).to.be.at.least(3);
        }
      });

      it('fills buttons with an accent the page sees (3:1) and text that reads on it (4.5:1)', async () => {
        const wrapper = await fixture(
          html`<div style="color-scheme: ${page.scheme}; color: ${page.ink}; background: ${page.paper}">
            <ek-test-buttons></ek-test-buttons>
          </div>`,
        );
        const filled = getComputedStyle(
          wrapper.querySelector('ek-test-buttons')!.shadowRoot!.querySelector('#filled')!,
        );
        expect(contrast(filled.color, filled.backgroundColor)).to.be.at.least(4.5);
        expect(contrast(filled.backgroundColor, page.paper)).to.be.at.least(3);
      });

      it('writes field errors in a colour of at least 4.5:1 against the page', async () => {
        const wrapper = await fixture(
          html`<div style="color-scheme: ${page.scheme}; color: ${page.ink}; background: ${page.paper}">
            <ek-test-buttons></ek-test-buttons>
          </div>`,
        );
        const host = wrapper.querySelector('ek-test-buttons')!;
        const danger = getComputedStyle(host).getPropertyValue('--ek-_danger');
        const probe = document.createElement('span');
        probe.style.color = danger;
        wrapper.append(probe);
        expect(contrast(getComputedStyle(probe).color, page.paper)).to.be.at.least(4.5);
      });
    });
  }
});
