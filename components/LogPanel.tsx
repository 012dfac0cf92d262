import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Config } from '@/lib/config/schema';
import type { Opportunity, Pipeline, Provider } from '@/lib/crm/types';
import { emailDraft, meetingDraft } from '@/lib/deals/drafts';
import { draftNextStep } from '@/lib/deals/next-step';
import type { ReadyDealView } from '@/lib/deals/view';
import { sendToWorker } from '@/lib/messaging';
import type { Interaction } from '@/lib/model';
import { outboxKey } from '@/lib/outbox/item';
import { planWrites, type LogForm } from '@/lib/panel/build-writes';
import { destinationName, targetFor, type Destination } from '@/lib/panel/destination';
import { formatDateTime } from '@/lib/panel/format';
import { ErrorNote } from './ErrorNote';
import { useLogShortcut } from './hooks/use-shortcut';
import { queryKeys, useOutbox, usePipelines } from './hooks/use-worker';

function nextStageOf(pipelines: Pipeline[], opportunity: Opportunity) {
  const pipeline = pipelines.find((p) => p.stages.some((s) => s.id === opportunity.stage.id)) ?? pipelines[0];
  const open = (pipeline?.stages ?? []).filter((s) => !s.isClosed).sort((a, b) => a.order - b.order);
  return open.find((s) => s.order > opportunity.stage.order) ?? null;
}

function initialForm(
  interaction: Interaction,
  onDeal: boolean,
  config: Config,
  nextStageLabel: string | null,
  now: Date,
): LogForm {
  const step = draftNextStep({ interaction, nextStageLabel, now });
  const base = {
    // A next step needs a deal: logging to an account or contact goes without one.
    nextStep: { enabled: onDeal, subject: step.subject, dueDate: step.dueDate, unblocks: step.unblocks },
    stageChange: { enabled: false, stageId: '', reasonCode: '' },
  };
  if (interaction.kind === 'email-thread') {
    const draft = emailDraft(interaction, config.logBody, now);
    return { ...base, subject: draft?.subject ?? interaction.subject, body: draft?.body ?? '', call: null };
  }
  const draft = meetingDraft(interaction, config.logBody, now);
  return {
    ...base,
    subject: draft.title,
    body: draft.body,
    call: {
      enabled: false,
      dispositionCode: config.dispositions[0]?.code ?? '',
      durationMinutes: draft.durationMinutes,
    },
  };
}

/**
 * Where the write for this message/meeting stands: logged, waiting, failed, or not yet. The key
 * is built from the same target the log is planned with, so it is the key the outbox holds.
 */
function useLogState(
  provider: Provider,
  interaction: Interaction,
  view: ReadyDealView,
  destination: Destination,
  config: Config,
) {
  const outbox = useOutbox();
  const sourceId =
    interaction.kind === 'meeting'
      ? interaction.eventId
      : (emailDraft(interaction, config.logBody, new Date())?.sourceId ?? '');
  const key = outboxKey({
    provider,
    op: interaction.kind === 'meeting' ? 'meeting' : 'email',
    sourceId,
    target: targetFor(view, destination),
  });
  const logged = outbox.data?.ledger.find((entry) => entry.key === key) ?? null;
  const waiting = outbox.data?.items.find((item) => item.key === key) ?? null;
  return { logged, waiting };
}

/** The log form for the open thread or meeting, to a deal or, when none fits, an account or contact. */
export function LogPanel({
  tabId,
  interaction,
  view,
  destination,
  config,
  onLogged,
}: {
  tabId: number;
  interaction: Interaction;
  view: ReadyDealView;
  destination: Destination;
  config: Config;
  onLogged?: () => void;
}) {
  const client = useQueryClient();
  const [stageOpen, setStageOpen] = useState(false);
  const opportunity = destination.kind === 'opportunity' ? destination.opportunity : null;
  // Stages matter only on a deal; an account or contact log never asks for them.
  const pipelines = usePipelines(opportunity !== null);
  const nextStage = useMemo(
    () => (pipelines.data && opportunity ? nextStageOf(pipelines.data, opportunity) : null),
    [pipelines.data, opportunity],
  );
  const [form, setForm] = useState<LogForm>(() =>
    initialForm(interaction, opportunity !== null, config, null, new Date()),
  );
  const [problems, setProblems] = useState<string[]>([]);
  const { logged, waiting } = useLogState(view.provider, interaction, view, destination, config);
  const name = destinationName(destination);
  const ids = {
    subject: useId(),
    body: useId(),
    step: useId(),
    due: useId(),
    unblocks: useId(),
    stage: useId(),
    reason: useId(),
    disposition: useId(),
    duration: useId(),
  };
  const isMeeting = interaction.kind === 'meeting';
  const verb = isMeeting ? 'Log meeting' : 'Log email';

  const submit = useMutation({
    mutationFn: async () => {
      const plan = planWrites({
        interaction,
        view,
        destination,
        form,
        config,
        pipelines: pipelines.data ?? [],
        now: new Date(),
      });
      if (!plan.ok) {
        setProblems(plan.problems);
        return null;
      }
      setProblems([]);
      return sendToWorker('log.submit', {
        writes: plan.writes,
        ...(opportunity ? { remember: { sourceId: view.sourceId, opportunityId: opportunity.id } } : {}),
      });
    },
    onSuccess: (result) => {
      if (result) {
        void client.invalidateQueries({ queryKey: queryKeys.outbox });
        onLogged?.();
      }
    },
  });

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
  const setStep = (patch: Partial<LogForm['nextStep']>) => set({ nextStep: { ...form.nextStep, ...patch } });
  const setStage = (patch: Partial<LogForm['stageChange']>) =>
    set({ stageChange: { ...form.stageChange, ...patch } });
  const stages = opportunity
    ? (pipelines.data ?? [])
        .flatMap((p) => p.stages)
        .filter(
          (s) =>
            s.id !== opportunity.stage.id && (!s.pipelineId || s.pipelineId === opportunity.stage.pipelineId),
        )
    : [];

  if (logged) {
    return (
      <section className="card logged" aria-label="Logged">
        <p className="ok" role="status">
          Logged to {name} {formatDateTime(new Date(logged.loggedAt).toISOString())}
          {logged.adopted ? ' (it was already in the CRM)' : ''}.
        </p>
      </section>
    );
  }

  return (
    <form className="card log" aria-label={`${verb} to ${name}`} onSubmit={onSubmit} onKeyDown={onKeyDown}>
      {waiting && (
        <p className={waiting.state === 'failed' ? 'error' : 'pending'} role="status">
          {waiting.state === 'failed'
            ? `Not logged: ${waiting.lastError?.message ?? 'the CRM refused it'}`
            : `Pending: will be logged when the CRM answers.${waiting.lastError ? ` Last try: ${waiting.lastError.message}` : ''}`}
        </p>
      )}
      <label htmlFor={ids.subject}>{isMeeting ? 'Title' : 'Subject'}</label>
      <input id={ids.subject} value={form.subject} onChange={(e) => set({ subject: e.target.value })} />
      <label htmlFor={ids.body}>
        {config.logBody === 'headers' ? 'Notes (the email body is not logged)' : 'Body'}
      </label>
      <textarea id={ids.body} rows={4} value={form.body} onChange={(e) => set({ body: e.target.value })} />

      {form.call && (
        <fieldset>
          <legend>
            <label>
              <input
                type="checkbox"
                checked={form.call.enabled}
                onChange={(e) => set({ call: { ...form.call!, enabled: e.target.checked } })}
              />{' '}
              Also log it as a call
            </label>
          </legend>
          {form.call.enabled && (
            <div className="grid2">
              <div>
                <label htmlFor={ids.disposition}>How it went</label>
                <select
                  id={ids.disposition}
                  value={form.call.dispositionCode}
                  onChange={(e) => set({ call: { ...form.call!, dispositionCode: e.target.value } })}
                >
                  {config.dispositions.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={ids.duration}>Minutes</label>
                <input
                  id={ids.duration}
                  type="number"
                  min={0}
                  value={form.call.durationMinutes}
                  onChange={(e) => set({ call: { ...form.call!, durationMinutes: Number(e.target.value) } })}
                />
              </div>
            </div>
          )}
        </fieldset>
      )}

      {opportunity ? (
        <>
          <fieldset>
            <legend>
              <label>
                <input
                  type="checkbox"
                  checked={form.nextStep.enabled}
                  onChange={(e) => setStep({ enabled: e.target.checked })}
                />{' '}
                Next step{config.requireNextStep ? ' (required)' : ''}
              </label>
            </legend>
            {form.nextStep.enabled && (
              <>
                <label htmlFor={ids.step}>What</label>
                <input
                  id={ids.step}
                  value={form.nextStep.subject}
                  onChange={(e) => setStep({ subject: e.target.value })}
                />
                <div className="grid2">
                  <div>
                    <label htmlFor={ids.due}>Due</label>
                    <input
                      id={ids.due}
                      type="date"
                      value={form.nextStep.dueDate}
                      onChange={(e) => setStep({ dueDate: e.target.value })}
                    />
                  </div>
                  <div>
                    <span className="label">Owner</span>
                    <span className="muted">You</span>
                  </div>
                </div>
                <label htmlFor={ids.unblocks}>What it unblocks</label>
                <input
                  id={ids.unblocks}
                  value={form.nextStep.unblocks}
                  placeholder={nextStage ? `Moves the deal toward ${nextStage.label}.` : 'One sentence'}
                  onChange={(e) => setStep({ unblocks: e.target.value })}
                />
              </>
            )}
          </fieldset>

          <fieldset>
            <legend>
              <label>
                <input
                  type="checkbox"
                  checked={form.stageChange.enabled}
                  onChange={(e) => {
                    setStageOpen(true);
                    setStage({
                      enabled: e.target.checked,
                      stageId: form.stageChange.stageId || nextStage?.id || '',
                    });
                  }}
                />{' '}
                Change stage
              </label>
            </legend>
            {form.stageChange.enabled && stageOpen && (
              <div className="grid2">
                <div>
                  <label htmlFor={ids.stage}>New stage</label>
                  <select
                    id={ids.stage}
                    value={form.stageChange.stageId}
                    onChange={(e) => setStage({ stageId: e.target.value })}
                  >
                    <option value="">Choose…</option>
                    {stages.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={ids.reason}>Reason</label>
                  <select
                    id={ids.reason}
                    value={form.stageChange.reasonCode}
                    onChange={(e) => setStage({ reasonCode: e.target.value })}
                  >
                    <option value="">Choose…</option>
                    {config.reasonCodes.map((r) => (
                      <option key={r.code} value={r.code}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            )}
          </fieldset>
        </>
      ) : (
        <p className="muted">A next step needs a deal: pick one below to add one.</p>
      )}

      {problems.length > 0 && (
        <ul className="error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <ErrorNote error={submit.error} onRetry={() => submit.mutate()} />
      <button type="submit" className="primary" disabled={submit.isPending || waiting?.state === 'pending'}>
        {`${verb} to ${name}`}
      </button>
    </form>
  );
}
