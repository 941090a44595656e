/**
 * The strings of <conf-controls>' overflow menu and of <conf-room>'s movable self view
 * (docs/layouts.md), part of ConfStrings (./strings.ts). English and German. No Lit, no DOM.
 */
export interface ControlsStrings {
  /** The "More" button of a narrow control bar, and the panel it opens. */
  controlsMore: string;
  controlsMoreLabel: string;
  /** The floating self view's keyboard hint (its description). */
  selfViewKeys: string;
}

export const controlsStringsEn: ControlsStrings = {
  controlsMore: 'More',
  controlsMoreLabel: 'More controls',
  selfViewKeys: 'Arrow keys move it, Shift with an arrow moves it further, Home and End snap it to a corner.',
};

export const controlsStringsDe = {
  controlsMore: 'Mehr',
  controlsMoreLabel: 'Weitere Steuerelemente',
  selfViewKeys: 'Pfeiltasten verschieben es, mit Umschalt weiter, Pos1 und Ende setzen es in eine Ecke.',
} satisfies ControlsStrings;
