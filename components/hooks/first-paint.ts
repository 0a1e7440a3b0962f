/** Where the browser reports no paint (or the page stays hidden), the work waiting on it starts after this. */
const FALLBACK_MS = 300;

let painted: Promise<void> | undefined;

/**
 * Resolves once the page's first contentful paint is on screen: Chrome shows a popup only after its page has loaded,
 * and work started before that frame is drawn (the rest of a long list, a worker woken from sleep) delays it.
 */
export function firstPaint(): Promise<void> {
  painted ??= new Promise<void>((resolve) => {
    let observer: PerformanceObserver | undefined;
    const done = () => {
      clearTimeout(timer);
      observer?.disconnect();
      resolve();
    };
    const timer = setTimeout(done, FALLBACK_MS);
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length) done();
      });
      observer.observe({ type: 'paint', buffered: true });
    } catch {
      // No paint timing here: the timer decides.
    }
  });
  return painted;
}
