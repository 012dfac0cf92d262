import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Config } from '@/lib/config/schema';
import type { ReadyDealView } from '@/lib/deals/view';
import { sendToWorker } from '@/lib/messaging';
import type { Interaction } from '@/lib/model';
import { planWrites, type LogForm } from '@/lib/panel/build-writes';
import { destinationName, type Destination } from '@/lib/panel/destination';
import { formatDateTime } from '@/lib/panel/format';
import { initialForm, nextStageOf, stagesToMoveTo } from '@/lib/panel/log-form';
import { ErrorNote } from './ErrorNote';
import { useLogState } from './hooks/use-log-state';
import { useLogShortcut } from './hooks/use-shortcut';
import { queryKeys, usePipelines } from './hooks/use-worker';
import { CallFields } from './log/CallFields';
import { NextStepFields } from './log/NextStepFields';
import { StageChangeFields } from './log/StageChangeFields';

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
  const opportunity = destination.kind === 'opportunity' ? destination.opportunity : null;
  // Stages matter only on a deal; an account or contact log never asks for them.
  const pipelines = usePipelines(opportunity !== null);
  const nextStage = useMemo(
    () => (pipelines.data && opportunity ? nextStageOf(pipelines.data, opportunity) : null),
    [pipelines.data, opportunity],
  );
  const [form, setForm] = useState<LogForm>(() =>
    initialForm(interaction, opportunity !== null, config, new Date()),
  );
  const [problems, setProblems] = useState<string[]>([]);
  const { logged, waiting, checking } = useLogState(view.provider, interaction, view, destination, config);
  const name = destinationName(destination);
  const ids = { subject: useId(), body: useId() };
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
            : waiting.lastError?.kind === 'auth'
              ? // Waiting for a sign-in (maybe to another portal/org): the CRM answering will not send it.
                `Pending: ${waiting.lastError.message}`
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
        <CallFields call={form.call} dispositions={config.dispositions} onChange={(call) => set({ call })} />
      )}
      {opportunity ? (
        <>
          <NextStepFields
            step={form.nextStep}
            required={config.requireNextStep}
            nextStageLabel={nextStage?.label ?? null}
            onChange={(nextStep) => set({ nextStep })}
          />
          <StageChangeFields
            change={form.stageChange}
            stages={stagesToMoveTo(pipelines.data ?? [], opportunity)}
            suggestedStageId={nextStage?.id ?? null}
            reasonCodes={config.reasonCodes}
            onChange={(stageChange) => set({ stageChange })}
          />
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
      {checking && (
        <p className="muted" role="status">
          Checking your CRM for this {isMeeting ? 'meeting' : 'email'}…
        </p>
      )}
      <button
        type="submit"
        className="primary"
        disabled={submit.isPending || waiting?.state === 'pending' || checking}
      >
        {`${verb} to ${name}`}
      </button>
    </form>
  );
}
