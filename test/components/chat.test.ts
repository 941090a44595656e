import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/conf-chat/conf-chat.js';
import '../../components/conf-chat/conf-chat-button.js';
import '../../components/conf-room/conf-room.js';
import type { ConfChat } from '../../components/conf-chat/conf-chat.js';
import type { ConfChatButton } from '../../components/conf-chat/conf-chat-button.js';
import type { ConfRoom } from '../../components/conf-room/conf-room.js';
import { chatParts } from '../../components/conf-chat/linkify.js';
import { FakeSession } from '../../src/testing/fake-session.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function joined(): Promise<FakeSession> {
  const s = new FakeSession({ userId: 'me', name: 'Me' });
  await s.join('r1');
  return s;
}

describe('<conf-chat>', () => {
  it('renders an HTML-injection message as text: no element is created from it', async () => {
    const session = await joined();
    const el = await fixture<ConfChat>(html`<conf-chat .session=${session} open></conf-chat>`);
    const evil = '<img src=x onerror=alert(1)>';
    session.receiveChatMessage({ text: evil, userId: 'bob', name: '<b>Bob</b>' });
    await el.updateComplete;
    const text = part(el, 'text')!;
    expect(text.textContent).to.equal(evil);
    expect(text.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect(part(el, 'message')!.textContent).to.contain('<b>Bob</b>');
  });

  it('makes http(s) links safe (rel=noopener) and leaves javascript: as text', async () => {
    const session = await joined();
    const el = await fixture<ConfChat>(html`<conf-chat .session=${session}></conf-chat>`);
    session.receiveChatMessage({ text: 'see https://example.com/a?b=1. or javascript:alert(1)' });
    await el.updateComplete;
    const links = el.shadowRoot!.querySelectorAll('a');
    expect(links.length).to.equal(1);
    expect(links[0]!.getAttribute('href')).to.equal('https://example.com/a?b=1');
    expect(links[0]!.getAttribute('rel')).to.contain('noopener');
    expect(part(el, 'text')!.textContent).to.equal('see https://example.com/a?b=1. or javascript:alert(1)');
    expect(chatParts('x javascript:alert(1)')).to.deep.equal([{ kind: 'text', text: 'x javascript:alert(1)' }]);
  });

  it('the list is a polite live region; Enter sends, Shift+Enter does not; sent messages show as yours', async () => {
    const session = await joined();
    const el = await fixture<ConfChat>(html`<conf-chat .session=${session} open></conf-chat>`);
    const list = part(el, 'messages')!;
    expect(list.getAttribute('aria-live')).to.equal('polite');
    expect(list.getAttribute('role')).to.equal('log');
    const input = part(el, 'input') as HTMLTextAreaElement;
    input.value = 'hello';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    expect(session.callsTo('sendChatMessage').length).to.equal(0);
    const sent = oneEvent(el, 'conf-chat-send');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect((await sent).detail.text).to.equal('hello');
    await el.updateComplete;
    expect(session.callsTo('sendChatMessage')).to.deep.equal([['hello']]);
    expect(part(el, 'message')!.hasAttribute('data-own')).to.equal(true);
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('shows why a send failed, and that chat is off in a meeting without chat', async () => {
    const session = await joined();
    const el = await fixture<ConfChat>(html`<conf-chat .session=${session}></conf-chat>`);
    expect(await el.send('x'.repeat(4001))).to.equal(false);
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('4000');
    session.setChat(false);
    await el.updateComplete;
    expect((part(el, 'input') as HTMLTextAreaElement).disabled).to.equal(true);
    expect(el.shadowRoot!.textContent).to.contain('Chat is off');
  });

  it('marks messages read while open; Escape asks to close', async () => {
    const session = await joined();
    const el = await fixture<ConfChat>(html`<conf-chat .session=${session}></conf-chat>`);
    session.receiveChatMessage({ text: 'a' });
    await el.updateComplete;
    expect(session.snapshot.chat.unread).to.equal(1);
    el.open = true;
    await el.updateComplete;
    expect(session.snapshot.chat.unread).to.equal(0);
    const closing = oneEvent(el, 'conf-chat-toggle');
    part(el, 'input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect((await closing).detail.open).to.equal(false);
  });
});

describe('<conf-chat-button> in <conf-room>', () => {
  it('shows the unread badge, opens the panel, and the panel clears the count', async () => {
    const session = await joined();
    const room = await fixture<ConfRoom>(html`<conf-room .session=${session}></conf-room>`);
    const button = room.shadowRoot!.querySelector<ConfChatButton>('conf-chat-button')!;
    const chat = room.shadowRoot!.querySelector<ConfChat>('conf-chat')!;
    await button.updateComplete;
    expect(chat.hidden).to.equal(true);
    session.receiveChatMessage({ text: 'one' });
    session.receiveChatMessage({ text: 'two' });
    await button.updateComplete;
    expect(part(button, 'badge')!.textContent).to.equal('2');
    expect(part(button, 'button')!.getAttribute('aria-label')).to.contain('2 unread');
    part(button, 'button')!.click();
    await room.updateComplete;
    await chat.updateComplete;
    expect(room.chatOpen).to.equal(true);
    expect(chat.hidden).to.equal(false);
    expect(session.snapshot.chat.unread).to.equal(0);
    await button.updateComplete;
    expect(part(button, 'badge')).to.equal(null);
    expect(part(button, 'button')!.getAttribute('aria-pressed')).to.equal('true');
    part(chat, 'close-button')!.click();
    await room.updateComplete;
    expect(room.chatOpen).to.equal(false);
  });
});
