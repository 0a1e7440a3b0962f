import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Values the user just chose, shown over the stored ones until storage has them: a controlled checkbox that re-renders
 * for another change (the worker writes often) must not flip back while its own change is being saved.
 */
export function usePending<T extends object>(stored: T) {
  const [pending, setPending] = useState<Partial<T>>({});
  /** Keys whose save went through: the next stored value is theirs (or newer), whatever it is. */
  const saved = useRef(new Set<keyof T>());

  useEffect(() => {
    setPending((current) => {
      const keys = Object.keys(current) as (keyof T)[];
      const left = keys.filter((key) => !saved.current.has(key) && current[key] !== stored[key]);
      for (const key of keys) if (!left.includes(key)) saved.current.delete(key);
      return left.length === keys.length ? current : (Object.fromEntries(left.map((key) => [key, current[key]])) as Partial<T>);
    });
  }, [stored]);

  return {
    shown: { ...stored, ...pending } as T,
    /** Shows `patch` while `save` runs; `save` answers whether it went through. */
    async saving<R>(patch: Partial<T>, save: () => Promise<{ ok: boolean; result: R }>): Promise<R> {
      const keys = Object.keys(patch) as (keyof T)[];
      setPending((current) => ({ ...current, ...patch }));
      const { ok, result } = await save();
      if (ok) for (const key of keys) saved.current.add(key);
      else setPending((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !keys.includes(key as keyof T))) as Partial<T>);
      return result;
    },
  };
}
