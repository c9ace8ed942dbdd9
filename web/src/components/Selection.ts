// Row selection for the pickers and the task list's bulk edit.
import { useCallback, useState } from 'react';

export function useSelection<K>() {
  const [selected, setSelected] = useState<Set<K>>(new Set());
  const toggle = useCallback((key: K, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const setAll = useCallback((keys: K[]) => setSelected(new Set(keys)), []);
  const clear = useCallback(() => setSelected(new Set()), []);
  return { selected, toggle, setAll, clear };
}
