'use client';
/**
 * Asks before unsaved edits are lost (Kibana's profile page: "Discard unsaved changes?").
 *
 * useUnsavedChangesGuard(dirty) → { modal, confirmNavigation }:
 * - While `dirty`, a click on an in-app link (any <a href> to this origin, also in the header,
 *   side nav or breadcrumbs) is held back and the console's confirm modal asks "Discard unsaved
 *   changes?" with "Keep editing" / "Discard changes"; discarding then follows the link with the
 *   router. Clicks that open a new tab or window (modifier keys, middle button, target=_blank,
 *   download) and links to another origin or to an anchor on the same page are left alone.
 * - While `dirty`, the browser's Back and Forward buttons are held too where the browser supports
 *   the Navigation API (Chromium; others keep the old behaviour): the same modal asks, and
 *   "Discard changes" then goes back (or forward).
 * - `confirmNavigation(go)` does the same for navigation started by code (router.push): `go` runs
 *   at once when nothing is dirty, after the admin confirms otherwise.
 * - While `dirty`, leaving the document (reload, closing the tab, typing a URL) triggers the
 *   browser's own "Leave site?" prompt (beforeunload).
 * Render `modal` once, anywhere in the form. <UnsavedChangesGuard dirty /> is the same without
 * programmatic navigation.
 */
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmModal } from '@/components/ui/confirm-modal';

/** The in-app URL a click on `event` would follow, or undefined when it is not ours to hold. */
function inAppLinkTarget(event: MouseEvent): string | undefined {
  if (event.defaultPrevented || event.button !== 0) return undefined;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined;
  const start = event.target instanceof Element ? event.target : null;
  const anchor = start?.closest('a[href]');
  if (!(anchor instanceof HTMLAnchorElement)) return undefined;
  if (anchor.hasAttribute('download')) return undefined;
  const target = anchor.getAttribute('target');
  if (target && target !== '_self') return undefined;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return undefined;
  const here = window.location;
  // Only the fragment changes: the page (and the form) stays.
  if (url.pathname === here.pathname && url.search === here.search && url.hash !== '') return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The parts of the Navigation API (not in every browser yet) that the guard uses. */
interface NavigationLike extends EventTarget {
  traverseTo(key: string): { committed: Promise<unknown>; finished: Promise<unknown> };
}
interface NavigateEventLike extends Event {
  navigationType: 'push' | 'replace' | 'reload' | 'traverse';
  destination?: { key?: string | null };
}

export interface UnsavedChangesGuardApi {
  /** The confirm modal, or null while it is closed: render it in the form. */
  modal: ReactNode;
  /** Runs `go` now, or after "Discard changes" when there are unsaved changes. */
  confirmNavigation: (go: () => void) => void;
}

export function useUnsavedChangesGuard(dirty: boolean): UnsavedChangesGuardApi {
  const router = useRouter();
  const [pending, setPending] = useState<(() => void) | null>(null);
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    // Capture on window: before React (listening on the document) hands the click to <Link>.
    const onClick = (event: MouseEvent) => {
      if (!dirtyRef.current) return;
      const href = inAppLinkTarget(event);
      if (href === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      setPending(() => () => router.push(href));
    };
    // Back/Forward within the console: the Navigation API announces the traversal before it
    // happens (popstate comes too late: the router has already left the page by then). Where the
    // browser lets it be cancelled, it is held and the modal asks; "Discard changes" then makes it.
    const navigationApi = (window as unknown as { navigation?: NavigationLike }).navigation;
    const onNavigate = (event: Event) => {
      const navigate = event as NavigateEventLike;
      if (!dirtyRef.current || navigate.navigationType !== 'traverse' || !navigate.cancelable) return;
      const key = navigate.destination?.key;
      if (!key || !navigationApi) return;
      event.preventDefault();
      setPending(() => () => {
        const result = navigationApi.traverseTo(key);
        // A traversal that is cancelled or fails is not an error of the page.
        result.committed.catch(() => undefined);
        result.finished.catch(() => undefined);
      });
    };
    navigationApi?.addEventListener('navigate', onNavigate);
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('click', onClick, true);
      navigationApi?.removeEventListener('navigate', onNavigate);
    };
  }, [dirty, router]);

  const confirmNavigation = useCallback((go: () => void) => {
    if (dirtyRef.current) setPending(() => go);
    else go();
  }, []);

  const modal = pending ? (
    <ConfirmModal
      title="Discard unsaved changes?"
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const go = pending;
        setPending(null);
        // The page is being left: no more prompts for the edits just discarded.
        dirtyRef.current = false;
        go();
      }}
      cancelButtonText="Keep editing"
      confirmButtonText="Discard changes"
      buttonColor="danger"
      data-testid="confirmDiscardChanges"
    >
      <p>You have unsaved changes on this page. If you leave now, they are lost.</p>
    </ConfirmModal>
  ) : null;

  return { modal, confirmNavigation };
}

/** The guard as a component: <UnsavedChangesGuard dirty={formState.isDirty} />. */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  return useUnsavedChangesGuard(dirty).modal;
}
