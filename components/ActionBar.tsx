import { createContext, useContext, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * The panel's bottom bar: the primary action and what it will write, kept in view at any
 * scroll position (a 400 px panel puts the end of a form ~1,500 px down, under the brief). The
 * form renders its button here through a portal; the button stays the form's via `form=`.
 */
const SlotContext = createContext<HTMLElement | null>(null);

export function ActionBarProvider({ children }: { children: (slot: ReactNode) => ReactNode }) {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  return (
    <SlotContext.Provider value={slot}>
      {children(<div ref={setSlot} className="action-bar-slot" />)}
    </SlotContext.Provider>
  );
}

/** Renders `children` in the sticky bar when the panel has one, else where it stands. */
export function ActionBar({ label, children }: { label: string; children: ReactNode }) {
  const slot = useContext(SlotContext);
  const bar = (
    <div className="action-bar" role="region" aria-label={label}>
      {children}
    </div>
  );
  return slot ? createPortal(bar, slot) : bar;
}
