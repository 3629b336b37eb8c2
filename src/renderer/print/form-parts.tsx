import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

/**
 * The building blocks of the paper form: a numbered section, a ruled table of label/value pairs,
 * values that print as blank lines when nothing was recorded yet (to be filled in by hand), and
 * check boxes. Everything is black on white and sized in millimetres for A4.
 */

/** The form's words in the form's language (not necessarily the app's). */
export type FormT = TFunction;

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="ff-section" data-testid={testId}>
      <h2 className="ff-section-title">{title}</h2>
      {children}
    </section>
  );
}

/** A four-column grid: label, value, label, value. */
export function Grid({ children }: { children: ReactNode }) {
  return (
    <table className="ff-grid">
      <colgroup>
        <col className="ff-col-label" />
        <col />
        <col className="ff-col-label" />
        <col />
      </colgroup>
      <tbody>{children}</tbody>
    </table>
  );
}

const filled = (v: ReactNode) => v !== null && v !== undefined && v !== '' && v !== false;

/** One row of two pairs; an empty value is an empty ruled cell, the space to write in. */
export function Pairs({ a, b }: { a: [string, ReactNode]; b?: [string, ReactNode] }) {
  return (
    <tr>
      <th>{a[0]}</th>
      <td colSpan={b ? 1 : 3}>{filled(a[1]) ? a[1] : null}</td>
      {b && (
        <>
          <th>{b[0]}</th>
          <td>{filled(b[1]) ? b[1] : null}</td>
        </>
      )}
    </tr>
  );
}

/** A full-width row for longer text: the text, or `lines` blank lines to write on. */
export function Wide({ label, value, lines = 2 }: { label: string; value: ReactNode; lines?: number }) {
  return (
    <tr>
      <th>{label}</th>
      <td colSpan={3}>
        <TextOrLines value={value} lines={lines} />
      </td>
    </tr>
  );
}

export function TextOrLines({ value, lines }: { value: ReactNode; lines: number }) {
  if (filled(value)) return <div className="ff-text">{value}</div>;
  return <BlankLines n={lines} />;
}

export function BlankLines({ n }: { n: number }) {
  return (
    <div className="ff-blank" aria-hidden="true">
      {Array.from({ length: n }, (_, i) => (
        <div key={i} className="ff-blank-line" />
      ))}
    </div>
  );
}

/** A paper check box, ticked or empty, with its label. */
export function Check({ on, label }: { on: boolean; label: string }) {
  return (
    <span className="ff-check">
      <span className={on ? 'ff-box ff-box-on' : 'ff-box'}>
        {on && (
          <svg viewBox="0 0 10 10" aria-hidden="true">
            <path d="M1.6 5.4 4 7.8 8.6 2.2" fill="none" stroke="#000" strokeWidth="1.6" />
          </svg>
        )}
      </span>
      {label}
    </span>
  );
}

/** Check boxes for each choice of a closed list; the recorded one ticked. */
export function Choices<V extends string>({ values, value, label }: { values: readonly V[]; value: V | null; label: (v: V) => string }) {
  return (
    <span className="ff-choices">
      {values.map((v) => (
        <Check key={v} on={v === value} label={label(v)} />
      ))}
    </span>
  );
}

/** "name · date" as signed records show who and when; blank when neither is known. */
export function byOn(name: string | null | undefined, when: string | null | undefined): string {
  return [name, when].filter((x) => !!x).join(' · ');
}

/** Rows of a list table, padded with empty rows to write in. */
export function padRows<T>(items: readonly T[], min: number): Array<T | null> {
  return [...items, ...Array.from({ length: Math.max(0, min - items.length) }, () => null)];
}
