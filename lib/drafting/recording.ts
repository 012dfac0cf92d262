/**
 * The recording or notes link a meeting carries: a Zoom cloud recording, a Teams recording or
 * recap (SharePoint/OneDrive/Stream), a Meet recording or Gemini notes saved to Drive. A Drive
 * or Docs link counts only when the words around it say it is a recording or notes, so the
 * agenda's slide deck is not logged as the recording. The conference link itself never counts.
 */
import { fold } from './text';

const URL = /https:\/\/[^\s<>"')\]]+/g;

/** Links that are recordings by their shape alone, best first. */
const RECORDINGS: RegExp[] = [
  /^https:\/\/([a-z0-9-]+\.)?zoom\.(us|com)\/rec\/(share|play)\//i,
  /^https:\/\/[a-z0-9-]+(-my)?\.sharepoint\.com\/.*(stream\.aspx|\/recordings\/|:v:\/)/i,
  /^https:\/\/teams\.microsoft\.com\/l\/meetingrecap/i,
  /^https:\/\/web\.microsoftstream\.com\/video\//i,
];

/** Links that are recordings or notes when the text says so. */
const DRIVE = /^https:\/\/(drive\.google\.com\/(file\/d\/|open\?id=)|docs\.google\.com\/document\/d\/)/i;

const SAYS_RECORDING =
  /(recording|recorded|notes|transcript|aufzeichnung|aufnahme|notizen|protokoll|mitschrift|enregistrement|compte[- ]rendu|transcription|grabacion|notas|transcripcion|acta|gravacao|notas|transcricao|ata|opname|notulen|aantekeningen|transcriptie|gemini)/;

function context(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const previousLine = text.lastIndexOf('\n', Math.max(0, lineStart - 2)) + 1;
  return fold(text.slice(previousLine, index));
}

export function recordingUrl(text: string): string | null {
  const found: { url: string; rank: number }[] = [];
  for (const match of text.matchAll(URL)) {
    const url = match[0].replace(/[.,;:!?]+$/, '');
    const rank = RECORDINGS.findIndex((pattern) => pattern.test(url));
    if (rank >= 0) found.push({ url, rank });
    else if (DRIVE.test(url) && SAYS_RECORDING.test(context(text, match.index))) {
      found.push({
        url,
        rank: /\/file\/d\/|open\?id=/.test(url) ? RECORDINGS.length : RECORDINGS.length + 1,
      });
    }
  }
  found.sort((a, b) => a.rank - b.rank);
  return found[0]?.url ?? null;
}
