import { CalendarSettings } from '../rules/calendar-settings';
import { EditorsNotice } from '../rules/editors-notice';

/** Settings → Business calendar: working hours, weekend, holidays and adjusted working days (src/renderer/rules/). */
export function CalendarTab() {
  return (
    <>
      <EditorsNotice kind="calendar" />
      <CalendarSettings />
    </>
  );
}
