// Calendar: a month of every post's publish date and every campaign's launch
// and end, coloured by channel (and always named), each a link to its
// campaign. The month is in the address (?month=YYYY-MM) so it can be shared.
import { useQuery } from 'urql';
import { Link, useSearch, useLocation } from 'wouter';
import { CALENDAR_CAMPAIGNS } from '../graphql/operations.ts';
import { calendarEntries, CHANNEL_COLOURS, monthGrid, shiftMonth, todayIn, type CampaignForCalendar } from '../logic/calendar.ts';
import { ErrorNote } from './parts.tsx';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function CalendarView() {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const requested = search.get('month') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : today.slice(0, 7);
  const [{ data, error, fetching }] = useQuery<{ listCampaigns: { items: CampaignForCalendar[] } }>({ query: CALENDAR_CAMPAIGNS, requestPolicy: 'cache-and-network' });
  const grid = monthGrid(month, calendarEntries(data?.listCampaigns.items ?? []), today);
  const go = (by: number) => navigate(`/calendar?month=${shiftMonth(month, by)}`);
  return (
    <>
      <h1>Calendar</h1>
      <div className="toolbar">
        <button type="button" onClick={() => go(-1)} aria-label="Previous month">←</button>
        <h2 aria-live="polite" data-month={month}>{grid.title}</h2>
        <button type="button" onClick={() => go(1)} aria-label="Next month">→</button>
      </div>
      <ErrorNote error={error} />
      <ul className="legend" aria-label="Channels">
        {Object.entries(CHANNEL_COLOURS).map(([channel, c]) => <li key={channel} style={{ color: c.text, background: c.background }}>{channel}</li>)}
      </ul>
      <div className="table-wrap">
        <table className="calendar" aria-busy={fetching}>
          <caption className="sr-only">{grid.title}</caption>
          <thead><tr>{WEEKDAYS.map((d) => <th key={d} scope="col">{d}</th>)}</tr></thead>
          <tbody>
            {grid.weeks.map((week) => (
              <tr key={week[0]?.date}>
                {week.map((day) => (
                  <td key={day.date} data-date={day.date} className={`${day.inMonth ? '' : 'other'} ${day.isToday ? 'today' : ''}`} aria-current={day.isToday ? 'date' : undefined}>
                    <span className="day">{day.day}</span>
                    <ul>
                      {day.entries.map((e, i) => {
                        const colour = e.channel ? CHANNEL_COLOURS[e.channel] : undefined;
                        return (
                          <li key={`${e.campaignId}-${e.kind}-${i}`} className={`entry ${e.kind}`} data-kind={e.kind} style={colour ? { color: colour.text, background: colour.background } : undefined}>
                            <Link href={`/campaigns/${encodeURIComponent(e.campaignId)}`} title={e.label}>{e.label}</Link>
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
