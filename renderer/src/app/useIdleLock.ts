/**
 * Auto-lock. Watches for someone using the screen (pointer, keys, touch).
 * While they are, tells main at most every 30 seconds (`session.stillHere`),
 * so main's own idle timer, which it enforces on every call, agrees; after
 * `idleLockSeconds` with nobody using it, locks the screen.
 *
 * The "still here" message is also sent a little after the last activity
 * (once 30 seconds have passed since the previous one), so main never thinks
 * the screen has been idle for longer than it has.
 */
import { useEffect, useRef } from 'react';

export const STILL_HERE_EVERY_MS = 30_000;

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel', 'input'] as const;

export function useIdleLock({
  idleLockSeconds,
  onIdle,
  onStillHere,
}: {
  idleLockSeconds: number;
  onIdle: () => void;
  onStillHere: () => void;
}): void {
  const callbacks = useRef({ onIdle, onStillHere });
  useEffect(() => {
    callbacks.current = { onIdle, onStillHere };
  });

  useEffect(() => {
    const idleMs = idleLockSeconds * 1000;
    // Never wait longer between messages than half the idle limit (short limits in tests).
    const pingEveryMs = Math.min(STILL_HERE_EVERY_MS, Math.max(1000, Math.floor(idleMs / 2)));
    let lastActivity = Date.now();
    let lastPing = lastActivity;
    let done = false;

    function ping(now: number) {
      lastPing = now;
      callbacks.current.onStillHere();
    }

    function onActivity() {
      if (done) return;
      const now = Date.now();
      lastActivity = now;
      if (now - lastPing >= pingEveryMs) ping(now);
    }

    function tick() {
      if (done) return;
      const now = Date.now();
      if (now - lastActivity >= idleMs) {
        done = true;
        callbacks.current.onIdle();
        return;
      }
      if (lastActivity > lastPing && now - lastPing >= pingEveryMs) ping(now);
    }

    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    const timer = window.setInterval(tick, 1000);
    return () => {
      done = true;
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [idleLockSeconds]);
}
