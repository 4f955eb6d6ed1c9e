import * as Sentry from "@sentry/nextjs";

// Next runs this in the browser before the IDE hydrates. Errors there go to the same Sentry project as the
// server's, when the server renders a DSN into <html data-sentry-dsn> (app/layout.tsx, from SENTRY_DSN);
// without one the SDK is never initialised and sends nothing. The CSP's connect-src allows that origin.
const dsn = document.documentElement.dataset.sentryDsn;
// Only the error itself: no cookies, headers, bodies, query strings or user fields of the person's session.
if (dsn) Sentry.init({ dsn, dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false } });

export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
