/**
 * conf-kit in Angular: a standalone component with CUSTOM_ELEMENTS_SCHEMA, property bindings
 * (`[room]`, `[userId]`, ...) and event bindings (`(conf-joined)`, ...).
 * URL: ?server=&room=&user=&name= (server defaults to this origin).
 */
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import '../../../components/index.js'; // registers every conf-kit element (in an app: import 'conf-kit')
import type { ConfErrorEvent, ConfJoinedEvent, ConfPublisherJoinedEvent, ConfPublisherLeftEvent } from '../../../components/index.js';

const query = new URLSearchParams(location.search);

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <header>
      <h1>conf-kit + Angular</h1>
      <output id="joined" data-framework="angular">{{ joined() ? stringify(joined()) : '' }}</output>
      <output id="participants">{{ others().join(', ') }}</output>
    </header>
    <conf-room
      [server]="server"
      [room]="room"
      [userId]="userId"
      [name]="name"
      [autoJoin]="true"
      (conf-joined)="onJoined($event)"
      (conf-left)="joined.set(null)"
      (conf-publisher-joined)="onPublisherJoined($event)"
      (conf-publisher-left)="onPublisherLeft($event)"
      (conf-error)="onError($event)"
    ></conf-room>
  `,
})
export class AppComponent {
  readonly server = query.get('server') || location.origin;
  readonly room = query.get('room') || 'demo';
  readonly userId = query.get('user') || '';
  readonly name = query.get('name') || 'Angular user';

  readonly joined = signal<ConfJoinedEvent['detail'] | null>(null);
  readonly others = signal<string[]>([]);
  readonly stringify = JSON.stringify;

  onJoined(event: ConfJoinedEvent): void {
    this.joined.set(event.detail);
  }
  onPublisherJoined(event: ConfPublisherJoinedEvent): void {
    this.others.update((ids) => [...ids, event.detail.userId]);
  }
  onPublisherLeft(event: ConfPublisherLeftEvent): void {
    this.others.update((ids) => ids.filter((id) => id !== event.detail.userId));
  }
  onError(event: ConfErrorEvent): void {
    console.warn('conf-error', event.detail.code, event.detail.message);
  }
}
