// "Show me this node": the problems list (outside the canvas) asks, the canvas pans to it.
const EVENT = 'layerlab-reveal-node';

export function revealNode(id: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: id }));
}

/** Subscribes to reveal requests; returns the unsubscribe. */
export function onReveal(f: (id: string) => void): () => void {
  const h = (e: Event) => f((e as CustomEvent<string>).detail);
  window.addEventListener(EVENT, h);
  return () => window.removeEventListener(EVENT, h);
}
