import { useEffect, useState } from 'react';

/** performance.now(), refreshed every `everyMs` while `active` (null until the first tick). */
export function useNow(active: boolean, everyMs = 100): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(performance.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, everyMs]);
  return now;
}
