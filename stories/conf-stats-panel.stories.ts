import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-stats-panel/conf-stats-panel.js';
import { STATES, sample, sessionFor } from './support/network.js';

// <conf-stats-panel> over 60 s of scripted samples (FakeSession).
const meta: Meta = { title: 'Elements/conf-stats-panel', component: 'conf-stats-panel' };
export default meta;

/** <conf-stats-panel> with 60 s of scripted samples. */
export const SixtySeconds: StoryObj = {
  name: 'Last 60 s',
  render: () => {
    const session = sessionFor('their-uplink', false);
    session.setNetwork(null, STATES.good);
    session.setPublisherQuality('ada', { currentStreamType: 'medium', currentLayer: 2 });
    const panel = document.createElement('conf-stats-panel');
    panel.session = session;
    const now = Date.now();
    for (let i = 0; i < 60; i++) panel.history.push(sample(now - (60 - i) * 1000, i));
    panel.open = true;
    return html`<div style="position: relative; height: 620px">${panel}</div>`;
  },
};
