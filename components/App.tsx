import { useEffect, useState } from 'react';
import { sendToTab } from '@/lib/messaging';
import { ActionBarProvider } from './ActionBar';
import { AuditSection } from './audit/AuditSection';
import { CaptureList } from './capture/CaptureList';
import { DealSection } from './DealSection';
import { useActiveInteraction } from './hooks/use-active-interaction';
import { useTargetTab } from './hooks/use-target-tab';
import { useStorageInvalidation } from './hooks/use-worker';
import { InteractionSummary } from './InteractionSummary';
import { MyDay } from './MyDay';
import { useMyDayStore } from './state/my-day-store';
import { Notice } from './Notice';
import { OutboxList } from './OutboxList';
import { PolicyWarnings } from './PolicyWarnings';
import { StorageNotes } from './StorageNotes';
import { Settings } from './Settings';
import { usePanelStore } from './state/panel-store';

/** Asks the tab to report again; tells whether a Dealside content script runs there at all. */
function useTabReport(tabId: number | null | undefined): 'unknown' | 'listening' | 'absent' {
  const [state, setState] = useState<{ tabId: number; value: 'listening' | 'absent' }>();
  useEffect(() => {
    if (tabId === null || tabId === undefined) return;
    let current = true;
    sendToTab(tabId, 'detect.refresh', {}).then(
      () => current && setState({ tabId, value: 'listening' }),
      () => current && setState({ tabId, value: 'absent' }),
    );
    return () => {
      current = false;
    };
  }, [tabId]);
  return state && state.tabId === tabId ? state.value : 'unknown';
}

function Main() {
  const target = useTargetTab();
  const active = useActiveInteraction(target?.tabId);
  const report = useTabReport(target?.app === 'other' ? null : target?.tabId);

  if (!target) return <Notice busy title="Loading…" />;
  if (target.app === 'other' || target.tabId === null) {
    return (
      <>
        <Notice title="Open Gmail or Google Calendar">
          Dealside works beside an email thread in Gmail or a meeting in Google Calendar. Open one in this tab
          to see its deal.
        </Notice>
        <MyDay audit={false} />
      </>
    );
  }
  if (active === undefined) return <Notice busy title="Looking at this tab…" />;
  if (active === null) {
    if (report === 'absent') {
      return (
        <Notice title="Reload this tab">
          Dealside was installed or updated after this tab opened. Reload it once.
        </Notice>
      );
    }
    return (
      <>
        {target.app === 'gmail' ? (
          <Notice title="No thread open">Open an email thread and Dealside will find its deal.</Notice>
        ) : (
          <Notice title="No meeting open">
            Open a meeting in your calendar and Dealside will find its deal.
          </Notice>
        )}
        <MyDay audit={false} />
      </>
    );
  }
  return (
    <>
      <InteractionSummary interaction={active.interaction} />
      <DealSection tabId={target.tabId} active={active} />
    </>
  );
}

export function App() {
  const screen = usePanelStore((state) => state.screen);
  const openSettings = usePanelStore((state) => state.openSettings);
  const closeSettings = usePanelStore((state) => state.closeSettings);
  const myDay = useMyDayStore();
  useStorageInvalidation();
  if (screen === 'settings') return <Settings onClose={closeSettings} />;
  return (
    <>
      <header className="row spread">
        <span className="brand">Dealside</span>
        <button type="button" className="link" onClick={myDay.open ? myDay.hide : myDay.show}>
          {myDay.open ? 'Back to the deal' : 'My day'}
        </button>
        <button type="button" className="link" onClick={openSettings}>
          Settings
        </button>
      </header>
      <ActionBarProvider>
        {(actionBar) => (
          <main className="stack">
            <PolicyWarnings />
            <StorageNotes />
            {myDay.open ? (
              <MyDay audit={false} />
            ) : (
              <>
                <Main />
                <CaptureList />
              </>
            )}
            <OutboxList />
            <AuditSection />
            {actionBar}
          </main>
        )}
      </ActionBarProvider>
    </>
  );
}
