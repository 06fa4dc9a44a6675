'use client';

// Whether a mouse button or finger is down anywhere on the page. A field loses focus on mouse-down; if what its blur
// shows (an error, "Checking…") moves the button under the pointer, mouse-up lands elsewhere and the click is lost.
let held = false;
let waiting: (() => void)[] = [];

function release() {
  held = false;
  const run = waiting;
  waiting = [];
  // After the click that this mouse-up completes has been dispatched.
  if (run.length) setTimeout(() => run.forEach((task) => task()), 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', () => void (held = true), { capture: true, passive: true });
  window.addEventListener('pointerup', release, { capture: true, passive: true });
  window.addEventListener('pointercancel', release, { capture: true, passive: true });
  // A press that ends outside the window never sends pointerup here.
  window.addEventListener('blur', release);
}

/** Runs `task` now, or once the pointer that is down has been released. */
export function deferWhilePointerHeld(task: () => void) {
  if (held) waiting.push(task);
  else task();
}
