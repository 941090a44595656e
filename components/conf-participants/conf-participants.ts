import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext } from '../context.js';
import { StoreController } from '../controllers/store-controller.js';
import { StringsController } from '../i18n/controller.js';
import { define } from '../define.js';
import { visuallyHiddenStyles } from '../theme.js';
import { cameraIcon, cameraOffIcon, micIcon, micOffIcon } from '../icons.js';
import type { SessionLike } from '../../src/session/types.js';
import type { LevelsSnapshot, SessionSnapshot } from '../../src/state/types.js';
import './participant-menu.js';

/** A level above this counts as speaking (0..1, as in `session.levels`). */
const SPEAKING_LEVEL = 0.05;

interface Row {
  userId: string;
  name: string;
  self: boolean;
  micOn: boolean;
  cameraOn: boolean;
}

/** Everyone in the room: you first, then the others in join order. */
export function participantRows(s: SessionSnapshot): Row[] {
  const self = s.self;
  const hasCamera = self.callType === 'video';
  return [
    { userId: self.userId, name: self.name, self: true, micOn: !self.audioMuted, cameraOn: hasCamera && self.videoEnabled },
    ...Object.values(s.publishers).map((p) => ({
      userId: p.userId,
      name: p.name,
      self: false,
      micOn: !p.audioMuted,
      cameraOn: p.videoEnabled,
    })),
  ];
}

/** Same rows, field by field: the stats loop replaces the publishers every second, the rows stay. */
export function sameRows(a: readonly Row[], b: readonly Row[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => {
      const o = b[i]!;
      return r.userId === o.userId && r.name === o.name && r.self === o.self && r.micOn === o.micOn && r.cameraOn === o.cameraOn;
    })
  );
}

/** The ids that count as speaking: above SPEAKING_LEVEL, or the active speaker. */
export function speakingIds(l: LevelsSnapshot): ReadonlySet<string> {
  const ids = new Set(Object.keys(l.levels).filter((id) => (l.levels[id] ?? 0) > SPEAKING_LEVEL));
  if (l.activeSpeaker) ids.add(l.activeSpeaker);
  return ids;
}

/** Same set of ids (a levels notification that changes no one's speaking state re-renders nothing). */
export function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

/**
 * @summary A panel listing everyone in the call: name, microphone and camera state, and a
 * speaking indicator. With the `admin` grant (`self.permissions.admin`) each other person gets a
 * moderation menu (<conf-participant-menu>: mute microphone, stop video, remove); without it there
 * is none. <conf-controls> opens it from its participants button.
 *
 * @event conf-moderate - From a person's menu, before the session acts. `detail: { userId, action }`.
 *
 * @csspart base - The panel.
 * @csspart heading - The heading with the count.
 * @csspart list - The list of people.
 * @csspart participant - One person (`data-user-id`; `data-speaking` while speaking).
 * @csspart name - The name.
 * @csspart mic - The microphone state.
 * @csspart camera - The camera state.
 * @csspart speaking - The speaking indicator.
 * @csspart menu - A person's moderation menu (admins only).
 *
 * @cssproperty [--conf-participants-width=280px] - The panel's width.
 */
export class ConfParticipants extends LitElement {
  static override styles = [
    visuallyHiddenStyles,
    css`
    :host {
      display: block;
      width: var(--conf-participants-width, 280px);
      font-family: var(--conf-font-family, system-ui, sans-serif);
      color: var(--conf-text, #eef0f4);
    }
    [part='base'] {
      box-sizing: border-box;
      padding: 10px;
      border: 1px solid var(--conf-border, #2f3440);
      border-radius: var(--conf-radius, 10px);
      background: var(--conf-surface-raised, #262a33);
    }
    h2 {
      margin: 0 0 8px;
      font-size: 15px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 6px 4px;
      border-radius: 6px;
    }
    [part='name'] {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part='mic'],
    [part='camera'] {
      display: inline-flex;
      color: var(--conf-text-muted, #b4bac6);
    }
    [part='mic'] svg,
    [part='camera'] svg {
      width: 18px;
      height: 18px;
    }
    .off {
      color: var(--conf-danger, #ff8a80);
    }
    [part='speaking'] {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: transparent;
      border: 2px solid var(--conf-border, #2f3440);
    }
    li[data-speaking] [part='speaking'] {
      background: var(--conf-speaking, #3ddc84);
      border-color: var(--conf-speaking, #3ddc84);
    }
  `,
  ];

  /** The session (from the nearest <conf-room>, or set directly). */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: SessionLike;

  readonly #t = new StringsController(this);
  // The list re-renders only when what it shows changes: not on every stats round (which replaces
  // the publishers) nor on every 4 Hz levels notification (only when who speaks changes).
  readonly #rows = new StoreController(this, () => this.session?.state, (s) => participantRows(s), { equals: sameRows });
  readonly #admin = new StoreController(this, () => this.session?.state, (s) => !!s.self.permissions?.admin);
  readonly #speaking = new StoreController(this, () => this.session?.levels, speakingIds, { equals: sameIds });

  /** How many people are in the call (you included). */
  get count(): number {
    return this.#rows.value?.length ?? 0;
  }


  protected override render() {
    const t = this.#t.value;
    const rows = this.#rows.value ?? [];
    const admin = !!this.#admin.value;
    const speaking = this.#speaking.value;
    return html`<section part="base" aria-labelledby="heading">
      <h2 part="heading" id="heading">${t.participantsHeading} (${rows.length})</h2>
      <ul part="list" aria-labelledby="heading">
        ${rows.map((row) => {
          const isSpeaking = !!speaking?.has(row.userId);
          return html`<li part="participant" data-user-id=${row.userId} ?data-speaking=${isSpeaking}>
            <span part="speaking" aria-hidden="true"></span>
            <span part="name">${row.name}${row.self ? html` <span>${t.participantYou}</span>` : nothing}${isSpeaking
              ? html`<span class="visually-hidden">, ${t.participantSpeaking}</span>`
              : nothing}</span>
            <span part="mic" class=${row.micOn ? '' : 'off'} role="img" aria-label=${row.micOn ? t.participantMicOn : t.participantMicOff}
              >${row.micOn ? micIcon : micOffIcon}</span>
            <span part="camera" class=${row.cameraOn ? '' : 'off'} role="img"
              aria-label=${row.cameraOn ? t.participantCameraOn : t.participantCameraOff}>${row.cameraOn ? cameraIcon : cameraOffIcon}</span>
            ${admin && !row.self
              ? html`<conf-participant-menu part="menu" user-id=${row.userId} name=${row.name} ?mic-on=${row.micOn}
                  ?camera-on=${row.cameraOn} .session=${this.session}></conf-participant-menu>`
              : nothing}
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

define('conf-participants', ConfParticipants);

declare global {
  interface HTMLElementTagNameMap {
    'conf-participants': ConfParticipants;
  }
}
