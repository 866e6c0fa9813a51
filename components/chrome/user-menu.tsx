'use client';
/**
 * <UserMenu username onSignOut />: header user button (avatar + username) opening a popover
 * (disclosure pattern: aria-expanded/aria-controls; accessible name "{username}, user menu") with "Signed in as", the ThemeSwitch and a
 * "Sign out" button. Escape or a click outside closes it and returns focus to the button.
 * onSignOut may return a promise; the button shows "Signing out…" until it settles.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ThemeSwitch } from '../theme/theme-switch';
import { Avatar } from '../ui/avatar';
import { Icon } from '../ui/icon';
import { LoadingSpinner } from '../ui/loading-spinner';

export interface UserMenuProps {
  username: string;
  onSignOut: () => void | Promise<void>;
}

export function UserMenu({ username, onSignOut }: UserMenuProps) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const id = useId();
  const panelId = `${id}-panel`;
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const signOut = async () => {
    setSigningOut(true);
    try {
      await onSignOut();
    } finally {
      setSigningOut(false);
    }
  };

  return (
    <div
      ref={rootRef}
      className="pc-user-menu"
      onBlur={(event) => {
        // Close when focus leaves the menu (Tab past the last item).
        if (open && event.relatedTarget instanceof Node && !rootRef.current?.contains(event.relatedTarget)) {
          setOpen(false);
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="pc-user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="userMenuButton"
        onClick={() => setOpen((o) => !o)}
      >
        <Avatar name={username} />
        <span className="pc-user-menu__name">{username}</span>
        <span className="pc-visually-hidden">, user menu</span>
        <Icon type="arrowDown" size="s" />
      </button>
      {open ? (
        <div id={panelId} className="pc-popover" data-testid="userMenu">
          <div className="pc-popover__section pc-user-menu__identity">
            <Avatar name={username} size="m" />
            <div className="pc-user-menu__identity-text">
              <div className="pc-user-menu__label">Signed in as</div>
              <div className="pc-user-menu__username">{username}</div>
            </div>
          </div>
          <div className="pc-popover__section">
            <ThemeSwitch />
          </div>
          <div className="pc-popover__section pc-popover__section--actions">
            <button
              type="button"
              className="pc-user-menu__item"
              onClick={signOut}
              disabled={signingOut}
              aria-busy={signingOut || undefined}
              data-testid="signOutButton"
            >
              {signingOut ? <LoadingSpinner size="m" decorative /> : <Icon type="exit" />}
              <span>{signingOut ? 'Signing out…' : 'Sign out'}</span>
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
