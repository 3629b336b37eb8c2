import { CalendarSettings } from '../rules/calendar-settings';

/** Settings → Business calendar: working hours, weekend, holidays and adjusted working days (src/renderer/rules/). */
export function CalendarTab() {
  return <CalendarSettings />;
}
