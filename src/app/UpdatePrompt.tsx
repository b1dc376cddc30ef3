/// <reference types="vite-plugin-pwa/react" />
/**
 * Registers the service worker that keeps the app working offline, and says when a new build is
 * waiting. The new build takes over only when the learner presses Reload, so training in progress
 * is never swapped out underneath them.
 */
import { useRegisterSW } from 'virtual:pwa-register/react';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError(error: unknown) {
      // Without a service worker the app still works online; only offline use is lost.
      console.warn('Offline use is unavailable: the service worker could not be registered.', error);
    },
  });

  const reload = () => {
    // Workbox reloads by itself only for an update it found while registering; one found later
    // (the page left open while a new build was deployed) takes control without it, so reload
    // here once the new worker is in charge.
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    void updateServiceWorker(true);
  };

  if (!needRefresh) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <p>A new version is ready — Reload to use it (training in progress starts over).</p>
      <button type="button" className="update-prompt-reload" onClick={reload}>
        Reload
      </button>
      <button type="button" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </div>
  );
}
