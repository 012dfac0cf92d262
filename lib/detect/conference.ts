/** The video-call link of a meeting: Google Meet, Zoom or Microsoft Teams. */

const CONFERENCE = [
  /^https:\/\/meet\.google\.com\/[a-z0-9/_-]+/i,
  /^https:\/\/(?:[\w-]+\.)?zoom\.us\/(?:j|my|w|s)\/[\w./?=&%-]+/i,
  /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/[^\s"'<>]+/i,
  /^https:\/\/teams\.live\.com\/meet\/[^\s"'<>]+/i,
];
const URL_IN_TEXT = /https:\/\/[^\s"'<>]+/g;

/** Calendar wraps description links in a redirect (`google.com/url?q=`); look through it. */
function unwrapRedirect(href: string): string {
  try {
    const url = new URL(href);
    if (/(^|\.)google\.com$/.test(url.hostname) && url.pathname === '/url') {
      return url.searchParams.get('q') ?? href;
    }
  } catch {
    // Not a URL; the patterns below will not match it either.
  }
  return href;
}

export function conferenceUrlOf(href: string): string | null {
  const candidate = unwrapRedirect(href.trim()).replace(/[).,;]+$/, '');
  for (const pattern of CONFERENCE) {
    const match = pattern.exec(candidate);
    if (match) return match[0];
  }
  return null;
}

/** Links first (the dialog's join button), then addresses typed into the description. */
export function findConferenceUrl(container: Element, description: string): string | null {
  for (const anchor of container.querySelectorAll('a[href]')) {
    const url = conferenceUrlOf(anchor.getAttribute('href') ?? '');
    if (url) return url;
  }
  for (const raw of description.match(URL_IN_TEXT) ?? []) {
    const url = conferenceUrlOf(raw);
    if (url) return url;
  }
  return null;
}
