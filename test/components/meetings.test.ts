import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../components/conf-meetings/conf-meetings.js';
import type { ConfMeetings } from '../../components/conf-meetings/conf-meetings.js';
import { fromLocalInput, parseAttendees, toLocalInput } from '../../components/conf-meetings/form.js';
import { FakeMeetingsClient } from '../../src/testing/fake-meetings.js';
import { ConferenceError } from '../../src/errors.js';

const q = <T extends HTMLElement = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const qa = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const names = (el: Element) => qa(el, '[part~="meeting"] .name').map((n) => n.textContent);
const now = () => Math.floor(Date.now() / 1000);

async function setup(count = 3, userId = 'ann') {
  const client = new FakeMeetingsClient({ userId: 'ann' });
  for (let i = 0; i < count; i++) await client.create({ name: `Up ${i}`, startDate: now() + 3600 + i, endDate: now() + 7200 });
  await client.create({ name: 'Old', startDate: now() - 7200, endDate: now() - 3600 });
  client.userId = userId;
  client.calls.length = 0;
  const el = await fixture<ConfMeetings>(html`<conf-meetings .client=${client} user-id=${userId} page-size="2"></conf-meetings>`);
  await waitUntil(() => client.calls.some((c) => c.method === 'list') && q(el, '[role="tabpanel"]')?.getAttribute('aria-busy') === 'false', 'meetings listed');
  await el.updateComplete;
  return { client, el };
}

describe('<conf-meetings>', () => {
  it('lists upcoming meetings paged, and past ones in the other tab', async () => {
    const { el } = await setup(3);
    expect(names(el)).to.deep.equal(['Up 0', 'Up 1']);
    expect(q(el, '[part~="pager"]')!.textContent).to.contain('Page 1 of 2');
    q<HTMLButtonElement>(el, '[part~="pager"] button:last-of-type')!.click();
    await waitUntil(() => names(el)[0] === 'Up 2', 'page 2');
    (qa(el, '[part~="tab"]')[1] as HTMLButtonElement).click();
    await waitUntil(() => names(el)[0] === 'Old', 'past tab');
    expect(names(el)).to.deep.equal(['Old']);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('creates a meeting from the form with native datetime-local inputs', async () => {
    const { el, client } = await setup(0);
    q<HTMLButtonElement>(el, '[part~="new-button"]')!.click();
    await el.updateComplete;
    const form = q<HTMLFormElement>(el, 'form')!;
    expect(qa(el, 'input[type="datetime-local"]').length).to.equal(2);
    (form.elements.namedItem('name') as HTMLInputElement).value = 'Planning';
    (form.elements.namedItem('start') as HTMLInputElement).value = toLocalInput(now() + 600);
    (form.elements.namedItem('end') as HTMLInputElement).value = toLocalInput(now() + 4200);
    (form.elements.namedItem('attendees') as HTMLInputElement).value = 'bob, carol@example.com';
    (form.elements.namedItem('public') as HTMLInputElement).checked = true;
    await expect(el).shadowDom.to.be.accessible();
    const saved = oneEvent(el, 'conf-meeting-saved');
    q<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    const { detail } = await saved;
    expect(detail.created).to.equal(true);
    expect(detail.meeting.name).to.equal('Planning');
    expect(detail.meeting.public).to.equal(true);
    expect(detail.meeting.attendees).to.deep.equal([{ userId: 'bob' }, { email: 'carol@example.com' }]);
    expect(client.calls.some((c) => c.method === 'create')).to.equal(true);
    await waitUntil(() => names(el).includes('Planning'), 'listed after create');
  });

  it('refuses an end before the start without calling the server', async () => {
    const { el, client } = await setup(0);
    q<HTMLButtonElement>(el, '[part~="new-button"]')!.click();
    await el.updateComplete;
    const form = q<HTMLFormElement>(el, 'form')!;
    (form.elements.namedItem('name') as HTMLInputElement).value = 'Bad';
    (form.elements.namedItem('start') as HTMLInputElement).value = toLocalInput(now() + 7200);
    (form.elements.namedItem('end') as HTMLInputElement).value = toLocalInput(now() + 600);
    q<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await el.updateComplete;
    expect(q(el, '[part~="error"]')!.textContent).to.contain('End');
    expect(client.calls.filter((c) => c.method === 'create').length).to.equal(0);
  });

  it('shows edit and delete to the host only; delete asks first', async () => {
    const host = await setup(1, 'ann');
    expect(qa(host.el, '[part~="edit-button"]').length).to.equal(1);
    q<HTMLButtonElement>(host.el, '[part~="delete-button"]')!.click();
    await host.el.updateComplete;
    const deleted = oneEvent(host.el, 'conf-meeting-deleted');
    q<HTMLButtonElement>(host.el, '[part~="confirm-delete-button"]')!.click();
    await deleted;
    await waitUntil(() => names(host.el).length === 0, 'deleted');

    const client = new FakeMeetingsClient({ userId: 'ann' });
    await client.create({ name: 'Team', attendees: [{ userId: 'bob' }], startDate: now() + 60, endDate: now() + 3600 });
    client.userId = 'bob';
    const el = await fixture<ConfMeetings>(html`<conf-meetings .client=${client} user-id="bob"></conf-meetings>`);
    await waitUntil(() => names(el).length === 1, 'attendee sees it');
    expect(qa(el, '[part~="edit-button"], [part~="delete-button"]').length).to.equal(0);
    expect(qa(el, '[part~="join-button"], [part~="link-button"]').length).to.equal(2);
  });

  it('edits a meeting with PUT and shows server errors', async () => {
    const { el, client } = await setup(1);
    q<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
    await el.updateComplete;
    const form = q<HTMLFormElement>(el, 'form')!;
    expect((form.elements.namedItem('name') as HTMLInputElement).value).to.equal('Up 0');
    (form.elements.namedItem('name') as HTMLInputElement).value = 'Renamed';
    client.failNext = new ConferenceError('forbidden', 'only the host may change this meeting');
    q<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await waitUntil(() => q(el, '[part~="error"]'), 'error shown');
    expect(q(el, '[part~="error"]')!.textContent).to.contain('only the host');
    const saved = oneEvent(el, 'conf-meeting-saved');
    q<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    expect((await saved).detail.meeting.name).to.equal('Renamed');
    expect(client.calls.filter((c) => c.method === 'update').length).to.equal(2);
  });

  it('Join and Copy link give the ?meeting=ID URL', async () => {
    const { el, client } = await setup(1);
    const id = [...client.meetings.values()].find((m) => m.name === 'Up 0')!.id;
    const join = oneEvent(el, 'conf-meeting-join');
    q<HTMLButtonElement>(el, '[part~="join-button"]')!.click();
    const { detail } = await join;
    expect(detail.meeting.id).to.equal(id);
    expect(new URL(detail.url).searchParams.get('meeting')).to.equal(id);
    const link = oneEvent(el, 'conf-meeting-link');
    q<HTMLButtonElement>(el, '[part~="link-button"]')!.click();
    expect(new URL((await link).detail.url).searchParams.get('meeting')).to.equal(id);
  });

  it('form helpers: local date-time round trip and attendees', () => {
    const t = now() - (now() % 60);
    expect(fromLocalInput(toLocalInput(t))).to.equal(t);
    expect(Number.isNaN(fromLocalInput(''))).to.equal(true);
    expect(parseAttendees(' a@b.c ,bob,, ')).to.deep.equal([{ email: 'a@b.c' }, { userId: 'bob' }]);
  });
});
