import { useActiveInteraction } from './hooks/use-active-interaction';
import { useTargetTab } from './hooks/use-target-tab';
import { InteractionSummary } from './InteractionSummary';
import { Notice } from './Notice';

export function App() {
  const target = useTargetTab();
  const active = useActiveInteraction(target?.tabId);

  if (!target) return <Notice busy title="Loading…" />;
  if (target.app === 'other') {
    return (
      <Notice title="Open Gmail or Google Calendar">
        Dealside works beside an email thread in Gmail or a meeting in Google Calendar. Open one in this tab
        to see its deal.
      </Notice>
    );
  }
  if (active === undefined) return <Notice busy title="Looking at this tab…" />;
  if (active === null) {
    return target.app === 'gmail' ? (
      <Notice title="No thread open">Open an email thread and Dealside will find its deal.</Notice>
    ) : (
      <Notice title="No meeting open">
        Open a meeting in your calendar and Dealside will find its deal.
      </Notice>
    );
  }
  return <InteractionSummary interaction={active.interaction} />;
}
