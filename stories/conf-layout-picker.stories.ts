import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/conf-layout-picker/conf-layout-picker.js';
import { elementArgTypes } from './support/controls.js';

interface PickerArgs {
  layout: 'auto' | 'grid' | 'speaker';
  'hide-self': boolean;
}

// <conf-layout-picker>: the control bar's layout switch (docs/layouts.md); <conf-room> renders it.
// Choosing fires conf-layout-change (see the Actions panel). More in Layouts/conf-room.
const meta: Meta<PickerArgs> = {
  title: 'Elements/conf-layout-picker',
  component: 'conf-layout-picker',
  args: { layout: 'auto', 'hide-self': false },
  argTypes: { layout: { control: 'inline-radio', options: ['auto', 'grid', 'speaker'] }, ...elementArgTypes('conf-layout-picker') },
  render: (args) => html`<conf-layout-picker layout=${args.layout} ?hide-self=${args['hide-self']}></conf-layout-picker>`,
};
export default meta;

type Story = StoryObj<PickerArgs>;

export const Auto: Story = {};
export const Grid: Story = { args: { layout: 'grid' } };
export const SpeakerHidingSelf: Story = { args: { layout: 'speaker', 'hide-self': true } };
