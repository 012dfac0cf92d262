/**
 * Auto-capture modes, one per kind of touch. `suggest` is the default: nothing reaches the CRM
 * without a click until the rep (or the admin, by policy, which then locks it) chooses `auto`.
 */
import * as z from 'zod/mini';
import type { Config } from '../config/schema';

export const CAPTURE_MODES = ['off', 'suggest', 'auto'] as const;
export const CaptureMode = z.enum(CAPTURE_MODES);
export type CaptureMode = z.infer<typeof CaptureMode>;

/** Sent email, received email, held meeting. */
export const CaptureKind = z.enum(['sent', 'received', 'meeting']);
export type CaptureKind = z.infer<typeof CaptureKind>;

/** Which path saw the touch: the only thing that differs between paths (the key never does). */
export const CaptureSource = z.enum(['send', 'thread', 'calendar-page', 'calendar-sync']);
export type CaptureSource = z.infer<typeof CaptureSource>;

/** The setting that holds each kind's mode (managed schema + lib/config). */
export const MODE_SETTING = {
  sent: 'captureSent',
  received: 'captureReceived',
  meeting: 'captureMeetings',
} as const satisfies Record<CaptureKind, keyof Config>;

export function captureModeOf(config: Pick<Config, (typeof MODE_SETTING)[CaptureKind]>, kind: CaptureKind) {
  return config[MODE_SETTING[kind]];
}
