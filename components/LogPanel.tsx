import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Config } from '@/lib/config/schema';
import type { ReadyDealView } from '@/lib/deals/view';
import { sendToWorker } from '@/lib/messaging';
import type { Interaction, Meeting } from '@/lib/model';
import { planPrepNote, planWrites, type LogForm, type PlannedWrite } from '@/lib/panel/build-writes';
import { destinationName, type Destination } from '@/lib/panel/destination';
import { formatDateTime } from '@/lib/format';
import { addBusinessDays, localDay } from '@/lib/drafting/dates';
import { initialForm, nextStageOf, stagesToMoveTo } from '@/lib/panel/log-form';
import {
  FORECAST_CATEGORIES,
  initialPostCall,
  JUDGEMENT_KINDS,
  mappedName,
  reasonListFor,
  withSummary,
} from '@/lib/panel/post-call';
import { writeSummary } from '@/lib/panel/write-summary';
import { DraftReview } from './draft/DraftReview';
import { useDraft } from './hooks/use-draft';
import { JudgementFields } from './log/JudgementFields';
import { ActionBar } from './ActionBar';
import { ErrorNote } from './ErrorNote';
import { useLogState } from './hooks/use-log-state';
import { useMeetingPhase } from './hooks/use-meeting-phase';
import { useLogShortcut } from './hooks/use-shortcut';
import { queryKeys, usePipelines } from './hooks/use-worker';
import { CallFields } from './log/CallFields';
import { NextStepFields } from './log/NextStepFields';
import { StageChangeFields } from './log/StageChangeFields';

interface LogPanelProps {
  tabId: number;
  interaction: Interaction;
  view: ReadyDealView;
  destination: Destination;
  config: Config;
  onLogged?: () => void;
}

/**
 * The log form for the open thread or meeting, to a deal or, when none fits, an account or
 * contact. A meeting that has not started gets a prep note instead: it has not been held.
 */
export function LogPanel(props: LogPanelProps) {
  return props.interaction.kind === 'meeting' ? (
    <MeetingLog {...props} meeting={props.interaction} />
  ) : (
    <HeldLog {...props} />
  );
}

function MeetingLog(props: LogPanelProps & { meeting: Meeting }) {
  const phase = useMeetingPhase(props.meeting);
  if (phase === 'upcoming') return <PrepNote {...props} />;
  return <HeldLog {...props} inProgressUntil={phase === 'in-progress' ? props.meeting.end : null} />;
}

/** Sends planned writes to the outbox; shared by the held log and the prep note. */
function useSubmit(
  plan: () => { ok: true; writes: PlannedWrite[] } | { ok: false; problems: string[] },
  remember: { sourceId: string; opportunityId: string } | null,
  onLogged?: () => void,
) {
  const client = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const submit = useMutation({
    mutationFn: async () => {
      const planned = plan();
      if (!planned.ok) {
        setProblems(planned.problems);
        return null;
      }
      setProblems([]);
      return sendToWorker('log.submit', { writes: planned.writes, ...(remember ? { remember } : {}) });
    },
    onSuccess: (result) => {
      if (result) {
        void client.invalidateQueries({ queryKey: queryKeys.outbox });
        onLogged?.();
      }
    },
  });
  return { submit, problems };
}

function Problems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="error problems" role="alert">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

function Logged({
  name,
  loggedAt,
  adopted,
  what,
}: {
  name: string;
  loggedAt: number;
  adopted: boolean;
  what: string;
}) {
  return (
    <section className="card logged" aria-label="Logged">
      <p className="ok" role="status">
        {what} {name} {formatDateTime(new Date(loggedAt).toISOString())}
        {adopted ? ' (it was already in the CRM)' : ''}.
      </p>
    </section>
  );
}

function HeldLog({
  tabId,
  interaction,
  view,
  destination,
  config,
  onLogged,
  inProgressUntil = null,
}: LogPanelProps & { inProgressUntil?: string | null }) {
  const opportunity = destination.kind === 'opportunity' ? destination.opportunity : null;
  // Stages matter only on a deal; an account or contact log never asks for them.
  const pipelines = usePipelines(opportunity !== null);
  const nextStage = useMemo(
    () => (pipelines.data && opportunity ? nextStageOf(pipelines.data, opportunity) : null),
    [pipelines.data, opportunity],
  );
  const drafting = useDraft(interaction, config);
  const [form, setForm] = useState<LogForm>(() => ({
    ...initialForm(interaction, opportunity !== null, config, new Date(), drafting.outcome.rules),
    post: initialPostCall(drafting.outcome.draft, opportunity),
  }));
  // The on-device draft arrives later: its suggestions replace the rules' until the rep accepts
  // one (state adjusted while rendering, React's pattern for a changed input).
  const draftedBy = drafting.outcome.draft;
  const [shownDraft, setShownDraft] = useState(draftedBy);
  if (shownDraft !== draftedBy) {
    setShownDraft(draftedBy);
    setForm((current) =>
      current.post?.qualification.some((row) => row.accepted)
        ? current
        : {
            ...current,
            post: { ...initialPostCall(draftedBy, opportunity), judgement: current.post!.judgement },
          },
    );
  }
  const { logged, waiting, checking } = useLogState(view.provider, interaction, view, destination, config);
  const name = destinationName(destination);
  const ids = { form: useId(), subject: useId(), body: useId() };
  const isMeeting = interaction.kind === 'meeting';
  const verb = isMeeting ? 'Log meeting' : 'Log email';

  const { submit, problems } = useSubmit(
    () =>
      planWrites({
        interaction,
        view,
        destination,
        form,
        config,
        pipelines: pipelines.data ?? [],
        now: new Date(),
      }),
    opportunity ? { sourceId: view.sourceId, opportunityId: opportunity.id } : null,
    onLogged,
  );

  useLogShortcut(tabId, () => submit.mutate());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  // Ctrl/⌘+Enter logs from anywhere in the form.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit.mutate();
    }
  };
  const set = (patch: Partial<LogForm>) => setForm((current) => ({ ...current, ...patch }));
  // Accepting a next step the text gave no date: the panel proposes two business days on.
  const setNextStep = (nextStep: LogForm['nextStep']) =>
    set({
      nextStep:
        nextStep.enabled && !form.nextStep.enabled && !nextStep.dueDate
          ? { ...nextStep, dueDate: localDay(addBusinessDays(new Date(), 2)) }
          : nextStep,
    });
  const post = form.post!;
  const summaryBody = withSummary(form.body, draftedBy.summary);

  if (logged) {
    return <Logged name={name} loggedAt={logged.loggedAt} adopted={logged.adopted} what="Logged to" />;
  }

  return (
    <form
      id={ids.form}
      className="card log"
      aria-label={`${verb} to ${name}`}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
    >
      {inProgressUntil && (
        <p className="pending" role="status">
          In progress until {formatDateTime(inProgressUntil)}. Logging now records it as held.
        </p>
      )}
      <label htmlFor={ids.subject}>{isMeeting ? 'Title' : 'Subject'}</label>
      <input id={ids.subject} value={form.subject} onChange={(e) => set({ subject: e.target.value })} />
      <label htmlFor={ids.body}>
        {config.logBody === 'headers' ? 'Notes (the email body is not logged)' : 'Body'}
      </label>
      <textarea id={ids.body} rows={4} value={form.body} onChange={(e) => set({ body: e.target.value })} />

      <DraftReview
        outcome={drafting.outcome}
        pending={drafting.pending}
        progress={drafting.progress}
        summaryUsed={summaryBody === form.body}
        onUseSummary={() => set({ body: summaryBody })}
        rows={post.qualification}
        onRows={(qualification) => set({ post: { ...post, qualification } })}
        mapped={(field) => opportunity !== null && mappedName(config, view.provider, field) !== ''}
        recordingUrl={post.recordingUrl}
      />

      {form.call && (
        <CallFields call={form.call} dispositions={config.dispositions} onChange={(call) => set({ call })} />
      )}
      {opportunity ? (
        <>
          <NextStepFields
            step={form.nextStep}
            required={config.requireNextStep}
            nextStageLabel={nextStage?.label ?? null}
            repEmail={interaction.userEmail ?? null}
            onChange={setNextStep}
          />
          <StageChangeFields
            change={form.stageChange}
            stages={stagesToMoveTo(pipelines.data ?? [], opportunity)}
            suggestedStageId={nextStage?.id ?? null}
            reasonCodes={config.reasonCodes}
            onChange={(stageChange) => set({ stageChange })}
          />
          {JUDGEMENT_KINDS.map((kind) => (
            <JudgementFields
              key={kind}
              kind={kind}
              row={post.judgement[kind]}
              reasons={reasonListFor(config, kind)}
              categories={FORECAST_CATEGORIES[view.provider]}
              onChange={(row) => set({ post: { ...post, judgement: { ...post.judgement, [kind]: row } } })}
            />
          ))}
        </>
      ) : (
        <p className="muted">A next step needs a deal: pick one below to add one.</p>
      )}

      <ActionBar label="Log">
        {waiting && (
          <p className={waiting.state === 'failed' ? 'error' : 'pending'} role="status">
            {waiting.state === 'failed'
              ? `Not logged: ${waiting.lastError?.message ?? 'the CRM refused it'}`
              : waiting.lastError?.kind === 'auth'
                ? // Waiting for a sign-in (maybe to another portal/org): the CRM answering will not send it.
                  `Pending: ${waiting.lastError.message}`
                : `Pending: will be logged when the CRM answers.${waiting.lastError ? ` Last try: ${waiting.lastError.message}` : ''}`}
          </p>
        )}
        <Problems problems={problems} />
        <ErrorNote error={submit.error} onRetry={() => submit.mutate()} />
        {checking && (
          <p className="muted" role="status">
            Checking your CRM for this {isMeeting ? 'meeting' : 'email'}…
          </p>
        )}
        <p className="writes" aria-label="What the log writes">
          Writes:{' '}
          {writeSummary({
            kind: interaction.kind,
            form,
            onDeal: opportunity !== null,
            dispositions: config.dispositions,
            pipelines: pipelines.data ?? [],
          })}
        </p>
        <button
          type="submit"
          form={ids.form}
          className="primary"
          disabled={submit.isPending || waiting?.state === 'pending' || checking}
        >
          {`${verb} to ${name}`}
        </button>
      </ActionBar>
    </form>
  );
}

/** Before a meeting: a note to prepare it, on the deal. No meeting, call or next step is logged. */
function PrepNote({ view, destination, config, meeting, onLogged }: LogPanelProps & { meeting: Meeting }) {
  const [note, setNote] = useState('');
  const ids = { form: useId(), note: useId() };
  const name = destinationName(destination);
  const { logged, waiting } = useLogState(view.provider, meeting, view, destination, config, 'note');
  const opportunity = destination.kind === 'opportunity' ? destination.opportunity : null;
  const { submit, problems } = useSubmit(
    () => planPrepNote({ meeting, view, destination, note, now: new Date() }),
    opportunity ? { sourceId: view.sourceId, opportunityId: opportunity.id } : null,
    onLogged,
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };

  if (logged) {
    return (
      <Logged name={name} loggedAt={logged.loggedAt} adopted={logged.adopted} what="Prep note saved to" />
    );
  }
  return (
    <form id={ids.form} className="card log" aria-label={`Prepare this meeting`} onSubmit={onSubmit}>
      <h2>Not held yet</h2>
      <p className="muted">
        This meeting starts {formatDateTime(meeting.start)}. Read the brief and note what you want to cover;
        log it as held once it has started.
      </p>
      <label htmlFor={ids.note}>Prep note</label>
      <textarea
        id={ids.note}
        rows={4}
        value={note}
        placeholder="Questions to ask, who decides, what to show"
        onChange={(e) => setNote(e.target.value)}
      />
      <ActionBar label="Prepare">
        {waiting && (
          <p className={waiting.state === 'failed' ? 'error' : 'pending'} role="status">
            {waiting.state === 'failed'
              ? `Not saved: ${waiting.lastError?.message ?? 'the CRM refused it'}`
              : 'Pending: will be saved when the CRM answers.'}
          </p>
        )}
        <Problems problems={problems} />
        <ErrorNote error={submit.error} onRetry={() => submit.mutate()} />
        <p className="writes" aria-label="What the log writes">
          Writes: a note on {name} (no meeting or call is logged before it starts)
        </p>
        <button
          type="submit"
          form={ids.form}
          className="primary"
          disabled={submit.isPending || waiting?.state === 'pending' || note.trim() === ''}
        >
          {`Save prep note to ${name}`}
        </button>
      </ActionBar>
    </form>
  );
}
