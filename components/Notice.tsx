import type { ReactNode } from 'react';

/** A full-width message for states where there is nothing else to show. */
export function Notice({ title, children, busy }: { title: string; children?: ReactNode; busy?: boolean }) {
  return (
    <section className="notice" aria-busy={busy || undefined} aria-live="polite">
      <h1>{title}</h1>
      {children && <p>{children}</p>}
    </section>
  );
}
