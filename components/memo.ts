import { Component, type ComponentType, type FunctionComponent } from 'preact';

/**
 * A component that renders again only when `same` says its props changed. Preact's own `memo` lives in preact/compat,
 * whose global hook rewrites the props of every element the page creates: a cost on each of 500 rows, for React
 * names this code never uses.
 */
export function memo<P extends object>(render: FunctionComponent<P>, same: (previous: P, next: P) => boolean): ComponentType<P> {
  return class Memo extends Component<P> {
    override shouldComponentUpdate(next: P) {
      return !same(this.props, next);
    }
    override render(props: P) {
      return render(props);
    }
  };
}
