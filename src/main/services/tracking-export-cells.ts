import { zoneOffsetMinutes } from '../../shared/dates';

/**
 * The cells of an exported tracking table, independent of the file format: text made safe to open
 * in a spreadsheet, instants turned into the office's wall clock, and the CSV encoding.
 */

/** A date or a date and time, as a spreadsheet shows it: wall-clock parts carried as UTC. */
export interface WallTime {
  /** The wall-clock time in the office time zone, as a UTC Date (what Excel's serial numbers are). */
  at: Date;
  /** The same, as text (`YYYY-MM-DD HH:mm` or `YYYY-MM-DD`). */
  text: string;
  dateOnly: boolean;
}

export type Cell = string | number | WallTime | null;

export function isWallTime(c: Cell): c is WallTime {
  return typeof c === 'object' && c !== null;
}

/**
 * Formula injection (CWE-1236): a spreadsheet takes a cell starting with = + - @ (or a tab or a
 * carriage return, which some split on) for a formula. Such text gets a leading apostrophe, in the
 * CSV and in the workbook alike, so that opening or editing the cell never runs anything.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Instants (ISO UTC) as the office's wall clock. The zone's offset is looked up once per UTC day
 * and reused when the day starts and ends with the same offset (every day but a clock change), so a
 * hundred thousand rows cost a few hundred `Intl` look-ups, not half a million.
 */
export function officeClock(timeZone: string) {
  const days = new Map<number, number | null>();
  const DAY = 86_400_000;
  function offsetMs(ms: number): number {
    const day = Math.floor(ms / DAY);
    let off = days.get(day);
    if (off === undefined) {
      const a = zoneOffsetMinutes(new Date(day * DAY), timeZone);
      const b = zoneOffsetMinutes(new Date(day * DAY + DAY - 1000), timeZone);
      off = a === b ? a : null;
      days.set(day, off);
    }
    return (off ?? zoneOffsetMinutes(new Date(ms), timeZone)) * 60_000;
  }
  return {
    instant(iso: string | null | undefined): WallTime | null {
      if (!iso) return null;
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) return null;
      // Whole minutes, as the table shows them; Excel then reads exactly what the text says.
      const at = new Date(Math.floor((ms + offsetMs(ms)) / 60_000) * 60_000);
      const text = `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
      return { at, text, dateOnly: false };
    },
    /** The office calendar day of an instant, as days since 1970-01-01. */
    dayNumber(iso: string): number | null {
      const ms = Date.parse(iso);
      return Number.isNaN(ms) ? null : Math.floor((ms + offsetMs(ms)) / DAY);
    },
  };
}

/** A calendar date (`YYYY-MM-DD`, no zone) as a spreadsheet date. */
export function calendarDate(date: string | null | undefined): WallTime | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  return { at: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), text: date, dateOnly: true };
}

// ------------------------------------------------------------------------------------------- CSV

/** UTF-8's byte order mark: without it Excel reads a CSV in the system's code page and garbles Chinese. */
export const UTF8_BOM = '\uFEFF';

/** RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. */
export function csvField(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return String(c);
  const text = isWallTime(c) ? c.text : neutralise(c);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 has it. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}
