import './icons.css';

export type IconName = 'bell' | 'bell-off' | 'link' | 'pin' | 'pin-filled';

/** A drawn icon (icons.css); decorative: the control it sits in carries the label. */
export function Icon({ name }: { name: IconName }) {
  return <span class={`i i-${name}`} aria-hidden="true" />;
}
