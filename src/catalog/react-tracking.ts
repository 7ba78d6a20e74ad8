/**
 * react-tracking (9.3, build/index.js; types: @types/react-tracking 8.1 index.d.ts), "declarative tracking for
 * React apps": every event a component tracks — `useTracking().trackEvent(data)`, merged with the contextual data
 * given to `useTracking(data)`, `track(data)` / `withTracking(data)` on a component and `@trackEvent(data)` on a
 * method — is handed to the app's `dispatch` option, by default `(window.dataLayer = window.dataLayer || []).push`
 * (build/dispatchTrackingEvent.js): Google Tag Manager, or whatever analytics the app's own dispatch forwards to.
 * The data arguments are sinks; the options (`dispatch`, `dispatchOnMount`, `process`) are not.
 * Not matched: `props.tracking.trackEvent` in a component wrapped by `track()` (the prop is the library's; a
 * component reading it is not reached through the import).
 */
import type { CatalogEntry } from "./types.js";

const entry = (path: string, description: string): CatalogEntry => ({
  vendor: "react-tracking",
  module: "react-tracking",
  path,
  purpose: "analytics",
  arguments: [0],
  description,
});

export const REACT_TRACKING: readonly CatalogEntry[] = [
  entry("useTracking().trackEvent", "dispatches an event (with the component tree's tracking data) to the app's analytics"),
  entry("useTracking", "tracking data dispatched with every event of the component's subtree"),
  entry("track", "tracking data of a decorated component or method, dispatched with its events"),
  entry("withTracking", "tracking data of a wrapped component, dispatched with its events"),
  entry("trackEvent", "method decorator: its data is dispatched each time the method runs"),
];
