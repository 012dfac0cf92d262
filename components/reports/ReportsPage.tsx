/**
 * The weekly reports page (a full extension tab, opened from My day): the five reports for the
 * rep or the team, charts where people would rather look than read, a CSV per report, and every
 * deal linked to its record in the CRM.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { sendToWorker } from '@/lib/messaging';
import { reportCsv, type ReportName } from '@/lib/reports/csv';
import { displayName } from '@/lib/reports/team';
import type { TeamReports } from '@/lib/reports/team-view';
import { MyDay } from '../MyDay';
import { Notice } from '../Notice';
import { Bars } from './Bars';

const reportsKey = ['weekly-reports'] as const;

function download(view: TeamReports, name: ReportName) {
  const blob = new Blob([reportCsv(view, name)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `dealside-${name}-${view.asOf.slice(0, 10)}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}

function Report(props: { id: ReportName; title: string; view: TeamReports; children: ReactNode }) {
  return (
    <section aria-labelledby={`report-${props.id}`}>
      <div className="row spread">
        <h2 id={`report-${props.id}`}>{props.title}</h2>
        <button type="button" className="link" onClick={() => download(props.view, props.id)}>
          Export CSV
        </button>
      </div>
      {props.children}
    </section>
  );
}

function DealLink({ view, id }: { view: TeamReports; id: string }) {
  const deal = view.deals[id];
  return (
    <a href={deal?.url} target="_blank" rel="noreferrer">
      {deal?.name ?? id}
    </a>
  );
}

function Num({ view, id, value }: { view: TeamReports; id: string; value: number | null }) {
  return (
    <a href={view.deals[id]?.url} target="_blank" rel="noreferrer">
      {value ?? 'never'}
    </a>
  );
}

const KINDS = ['calls', 'emails', 'meetings'] as const;

function Activity({ view }: { view: TeamReports }) {
  const rows = view.reports.activityVsTarget;
  return (
    <Report id="activity" title="Activity vs target this week" view={view}>
      {KINDS.map((kind) => (
        <Bars
          key={kind}
          title={`${kind} this week by rep, against the weekly target`}
          unit={kind}
          bars={rows.map((r) => ({
            label: displayName(view.ownerNames, r.ownerId),
            value: r[kind],
            target: r.target[kind],
          }))}
        />
      ))}
      <table>
        <thead>
          <tr>
            <th scope="col">Rep</th>
            {KINDS.map((k) => (
              <th scope="col" className="num" key={k}>
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.ownerId}>
              <th scope="row">{displayName(view.ownerNames, r.ownerId)}</th>
              {KINDS.map((k) => (
                <td key={k} className={`num${r.lowest === k ? ' lowest' : ''}`}>
                  {r[k]} / {r.target[k]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Report>
  );
}

function ownerOf(view: TeamReports, opportunityId: string): string {
  const id = view.deals[opportunityId]?.ownerId;
  return id ? displayName(view.ownerNames, id) : '';
}

function DealTable(props: {
  view: TeamReports;
  rows: { opportunityId: string; cells: (number | null)[] }[];
  headers: string[];
  empty: string;
}) {
  if (props.rows.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Deal</th>
          <th scope="col">Owner</th>
          {props.headers.map((h) => (
            <th scope="col" className="num" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.opportunityId}>
            <td>
              <DealLink view={props.view} id={r.opportunityId} />
            </td>
            <td>{ownerOf(props.view, r.opportunityId)}</td>
            {r.cells.map((c, i) => (
              <td className="num" key={i}>
                <Num view={props.view} id={r.opportunityId} value={c} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Loss({ view }: { view: TeamReports }) {
  const { top, missing } = view.reports.lossReasons;
  const lines = [...top.map((t) => ({ code: t.reasonCode, label: t.reasonCode, count: t.count }))];
  lines.push({ code: '', label: 'no reason given', count: missing });
  return (
    <Report id="loss-reasons" title="Loss reasons, last 90 days" view={view}>
      <Bars
        title="Deals lost in 90 days by reason"
        unit="deals"
        bars={lines.map((l) => ({ label: l.label, value: l.count }))}
      />
      <ul>
        {lines.map((l) => (
          <li key={l.code}>
            {l.label}: {l.count}{' '}
            {(view.lostDeals[l.code] ?? []).map((id) => (
              <span key={id}>
                {' '}
                <DealLink view={view} id={id} />
              </span>
            ))}
          </li>
        ))}
      </ul>
    </Report>
  );
}

function Page({ view }: { view: TeamReports }) {
  const client = useQueryClient();
  const r = view.reports;
  return (
    <main className="reports">
      <header className="row spread">
        <h1>Weekly reports {view.scope === 'team' ? `— team of ${view.owners.length}` : '— you'}</h1>
        {view.teamSource === 'crm' ? <span className="muted">Your team in the CRM</span> : null}
        <span className="muted">
          As of {new Date(view.asOf).toLocaleString()}
          {view.refreshing ? ' — refreshing…' : ''}{' '}
          <button
            type="button"
            className="link"
            onClick={() =>
              void sendToWorker('reports.get', { refresh: true }).then((d) =>
                client.setQueryData(reportsKey, d),
              )
            }
          >
            Refresh
          </button>
        </span>
      </header>
      {view.notes.length > 0 && (
        <ul className="notes">
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <Activity view={view} />
      <Report id="no-activity" title="Open deals with no recent activity" view={view}>
        <DealTable
          view={view}
          headers={['days without activity', 'threshold']}
          rows={r.noActivity.map((x) => ({
            opportunityId: x.opportunityId,
            cells: [x.days, x.thresholdDays],
          }))}
          empty="Every open deal had a touch within its threshold."
        />
      </Report>
      <Report id="stage-age" title="Stage age vs expected" view={view}>
        <Bars
          title="Days in the current stage, against the expected days"
          unit="days"
          bars={view.stageAges.map((s) => ({
            label: view.deals[s.opportunityId]?.name ?? s.opportunityId,
            value: s.days,
            target: s.expectedDays,
            href: view.deals[s.opportunityId]?.url ?? '',
          }))}
        />
        <DealTable
          view={view}
          headers={['days in stage', 'expected']}
          rows={r.stageOverdue.map((x) => ({
            opportunityId: x.opportunityId,
            cells: [x.days, x.expectedDays],
          }))}
          empty="No deal is past its expected stage age."
        />
      </Report>
      <Report id="multi-threading" title="Multi-threading: people touched in 14 days" view={view}>
        <DealTable
          view={view}
          headers={['people touched', 'people on the deal']}
          rows={r.multiThreading.map((x) => ({
            opportunityId: x.opportunityId,
            cells: [x.contactsTouched14d, x.contacts],
          }))}
          empty="No open deals."
        />
      </Report>
      <Loss view={view} />
      <Report
        id="forecast-divergence"
        title="Forecast vs activity: in commit, no activity in 14 days"
        view={view}
      >
        <DealTable
          view={view}
          headers={['days since activity']}
          rows={r.forecastDivergence.map((x) => ({
            opportunityId: x.opportunityId,
            cells: [x.daysSinceActivity],
          }))}
          empty="Every committed deal had activity in the last 14 days."
        />
      </Report>
    </main>
  );
}

export function ReportsPage() {
  const query = useQuery({
    queryKey: reportsKey,
    queryFn: () => sendToWorker('reports.get', {}),
    refetchInterval: (q) => (q.state.data?.state === 'ready' && q.state.data.refreshing ? 3_000 : false),
  });
  if (location.hash === '#my-day') {
    return (
      <main className="reports">
        <MyDay />
      </main>
    );
  }
  if (query.isPending) return <Notice busy title="Loading the weekly reports…" />;
  if (query.isError) return <Notice title="The reports could not load">{query.error.message}</Notice>;
  if (query.data.state !== 'ready') return <Notice title="Weekly reports">{query.data.message}</Notice>;
  return <Page view={query.data} />;
}
