// Runs `check` every `intervalMs` while `active`, until it answers true (done).
import { useEffect, useRef } from 'react';

export function usePoll(active: boolean, check: () => Promise<boolean>, intervalMs = 1500): void {
  const checkRef = useRef(check);
  checkRef.current = check;
  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const step = async () => {
      let done = false;
      try {
        done = await checkRef.current();
      } catch {
        done = false;
      }
      if (!stopped && !done) timer = setTimeout(step, intervalMs);
    };
    timer = setTimeout(step, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
