import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-participants/participant-menu.js';
import { FakeSession, ADMIN_PERMISSIONS } from '../src/testing/index.js';

function adminSession(): FakeSession {
  const session = new FakeSession({ userId: 'me', name: 'Sam Rivera', permissions: ADMIN_PERMISSIONS });
  session.setConnection('joined', 'design-review');
  session.addPublisher({ userId: 'ada', name: 'Ada Lovelace' });
  return session;
}

// `<conf-participant-menu>`: one person's moderation menu (admins only), as <conf-participants> shows it.
const meta: Meta = {
  title: 'Elements/conf-participant-menu',
  component: 'conf-participant-menu',
};
export default meta;

export const Closed: StoryObj = {
  render: () => html`<conf-participant-menu .session=${adminSession()} user-id="ada" name="Ada Lovelace" mic-on camera-on></conf-participant-menu>`,
};

export const Open: StoryObj = {
  render: () =>
    html`<div style="height:220px"><conf-participant-menu .session=${adminSession()} user-id="ada" name="Ada Lovelace" mic-on camera-on open></conf-participant-menu></div>`,
};
