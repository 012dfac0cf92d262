/**
 * Each weekly report as CSV (RFC 4180: comma-separated, CRLF, fields quoted when they hold a
 * comma, quote or line break). Cells that a spreadsheet would run as a formula are prefixed
 * with a quote, since deal names come from the CRM.
 */
import type { TeamReports } from './team-view';

export type ReportName =
  'activity' | 'no-activity' | 'stage-age' | 'multi-threading' | 'loss-reasons' | 'forecast-divergence';

function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | null)[][]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function reportCsv(view: TeamReports, name: ReportName): string {
  const deal = (id: string) => view.deals[id];
  // The owner id stays (it joins with other CRM exports); the name is beside it for people,
  // blank when the CRM did not give one (an id in a name column would look like a name).
  const ownerName = (id: string | null | undefined) => (id ? (view.ownerNames?.[id] ?? '') : '');
  const dealCells = (id: string) => [
    id,
    deal(id)?.name ?? '',
    deal(id)?.ownerId ?? '',
    ownerName(deal(id)?.ownerId),
    deal(id)?.url ?? '',
  ];
  const r = view.reports;
  switch (name) {
    case 'activity':
      return toCsv([
        [
          'owner',
          'owner name',
          'calls',
          'calls target',
          'emails',
          'emails target',
          'meetings',
          'meetings target',
          'lowest',
        ],
        ...r.activityVsTarget.map((a) => [
          a.ownerId,
          ownerName(a.ownerId),
          a.calls,
          a.target.calls,
          a.emails,
          a.target.emails,
          a.meetings,
          a.target.meetings,
          a.lowest,
        ]),
      ]);
    case 'no-activity':
      return toCsv([
        ['opportunity', 'name', 'owner', 'owner name', 'link', 'days without activity', 'threshold days'],
        ...r.noActivity.map((x) => [...dealCells(x.opportunityId), x.days, x.thresholdDays]),
      ]);
    case 'stage-age':
      return toCsv([
        ['opportunity', 'name', 'owner', 'owner name', 'link', 'stage', 'days in stage', 'expected days'],
        ...view.stageAges.map((x) => [...dealCells(x.opportunityId), x.stage, x.days, x.expectedDays]),
      ]);
    case 'multi-threading':
      return toCsv([
        ['opportunity', 'name', 'owner', 'owner name', 'link', 'contacts touched in 14 days', 'contacts'],
        ...r.multiThreading.map((x) => [...dealCells(x.opportunityId), x.contactsTouched14d, x.contacts]),
      ]);
    case 'loss-reasons':
      return toCsv([
        ['reason code', 'deals lost in 90 days'],
        ...r.lossReasons.top.map((x) => [x.reasonCode, x.count]),
        ['(none)', r.lossReasons.missing],
      ]);
    case 'forecast-divergence':
      return toCsv([
        ['opportunity', 'name', 'owner', 'owner name', 'link', 'days since activity'],
        ...r.forecastDivergence.map((x) => [...dealCells(x.opportunityId), x.daysSinceActivity]),
      ]);
  }
}
