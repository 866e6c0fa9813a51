'use client';
/**
 * Toasts (EuiGlobalToastList): bottom-right, z-index 9000, for ephemeral results of live actions.
 * - <ToastProvider> renders the list; ConsoleShell already includes one.
 * - const toasts = useToasts();
 *   toasts.addSuccess("Activated profile for 'jacknich'");
 *   toasts.addDanger("Could not disable profile", 'Server message…', { action: { label: 'See the full error', onClick } });
 *   toasts.add({ title, text?, color?, iconType?, lifetimeMs?, action? }) -> id; toasts.remove(id)
 * Lifetime: 10 s (danger 30 s; 0 = until dismissed), paused while hovered or focused. The list sits in
 * one polite live region that is always in the page (as EuiGlobalToastList), so each new toast is
 * announced once; the toasts themselves are not live regions. Each toast has a "Dismiss toast" button.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { Button } from './button';
import { cx } from './class-names';
import { Icon, type IconType } from './icon';

export type ToastColor = 'primary' | 'success' | 'warning' | 'danger';

export interface ToastInput {
  title: ReactNode;
  text?: ReactNode;
  color?: ToastColor;
  iconType?: IconType;
  lifetimeMs?: number;
  action?: { label: string; onClick: () => void };
  'data-testid'?: string;
}

interface ToastItem extends ToastInput {
  id: string;
}

type Helper = (title: ReactNode, text?: ReactNode, extra?: Omit<ToastInput, 'title' | 'text' | 'color'>) => string;

export interface ToastApi {
  add: (toast: ToastInput) => string;
  addSuccess: Helper;
  addWarning: Helper;
  addDanger: Helper;
  addInfo: Helper;
  remove: (id: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const ICONS: Record<ToastColor, IconType> = {
  primary: 'info',
  success: 'checkInCircle',
  warning: 'alert',
  danger: 'error',
};

/** The toast API. Outside a provider it does nothing. */
export function useToasts(): ToastApi {
  const ctx = useContext(ToastContext);
  if (ctx) return ctx;
  return NOOP;
}

const noop = () => '';
const NOOP: ToastApi = {
  add: noop,
  addSuccess: noop,
  addWarning: noop,
  addDanger: noop,
  addInfo: noop,
  remove: () => {},
};

function ToastView({ toast, onDismiss }: { toast: ToastItem; onDismiss: (id: string) => void }) {
  const color = toast.color ?? 'primary';
  const lifetime = toast.lifetimeMs ?? (color === 'danger' ? 30000 : 10000);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (!lifetime || paused) return;
    const t = setTimeout(() => onDismiss(toast.id), lifetime);
    return () => clearTimeout(t);
  }, [lifetime, paused, onDismiss, toast.id]);
  return (
    <div
      className={cx('pc-toast', color !== 'primary' && `pc-toast--${color}`)}
      data-testid={toast['data-testid']}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="pc-toast__header">
        <Icon type={toast.iconType ?? ICONS[color]} />
        <p className="pc-toast__title">{toast.title}</p>
      </div>
      {toast.text ? <div className="pc-toast__body">{toast.text}</div> : null}
      {toast.action ? (
        <div className="pc-toast__actions">
          <Button size="s" display="base" color={color === 'danger' ? 'danger' : 'primary'} onClick={toast.action.onClick}>
            {toast.action.label}
          </Button>
        </div>
      ) : null}
      <Button
        display="empty"
        color="text"
        size="xs"
        iconOnly
        iconType="cross"
        aria-label="Dismiss toast"
        className="pc-toast__close"
        onClick={() => onDismiss(toast.id)}
      />
    </div>
  );
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const counter = useRef(0);

  const remove = useCallback((id: string) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const add = useCallback((toast: ToastInput) => {
    counter.current += 1;
    const id = `toast-${counter.current}`;
    setToasts((list) => [...list.slice(-4), { ...toast, id }]);
    return id;
  }, []);

  const api = useMemo<ToastApi>(() => {
    const helper =
      (color: ToastColor): Helper =>
      (title, text, extra) =>
        add({ ...extra, title, text, color });
    return {
      add,
      remove,
      addSuccess: helper('success'),
      addWarning: helper('warning'),
      addDanger: helper('danger'),
      addInfo: helper('primary'),
    };
  }, [add, remove]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" aria-relevant="additions" className="pc-toast-region">
        {toasts.length > 0 ? (
          <section className="pc-toast-list" aria-label="Notifications">
            {toasts.map((t) => (
              <ToastView key={t.id} toast={t} onDismiss={remove} />
            ))}
          </section>
        ) : null}
      </div>
    </ToastContext.Provider>
  );
}
