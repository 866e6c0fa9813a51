/**
 * /ui-kit — the UI kit demo (every component, light and dark). No sign-in needed; only available
 * when NODE_ENV !== 'production' or SHOW_UI_KIT=1, otherwise 404.
 * `?theme=dark|light|system` stores that colour mode (localStorage `pc-theme`) before paint, for
 * screenshots.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { UiKitDemo } from './ui-kit-demo';

export const metadata: Metadata = {
  title: 'UI kit',
  robots: { index: false, follow: false },
};

function uiKitEnabled(): boolean {
  return process.env.NODE_ENV !== 'production' || process.env.SHOW_UI_KIT === '1';
}

export default async function UiKitPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Decide at request time (SHOW_UI_KIT is read when the server runs, not at build time).
  await connection();
  if (!uiKitEnabled()) notFound();
  const { theme } = await searchParams;
  const forced = theme === 'dark' || theme === 'light' || theme === 'system' ? theme : null;
  return (
    <>
      {forced ? (
        <script
          dangerouslySetInnerHTML={{
            __html: `(function(){var t=${JSON.stringify(forced)};try{if(t==="system")localStorage.removeItem("pc-theme");else localStorage.setItem("pc-theme",t)}catch(e){}var r=t==="system"?(window.matchMedia&&matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"):t;document.documentElement.setAttribute("data-theme",r);document.documentElement.setAttribute("data-theme-preference",t)})();`,
          }}
        />
      ) : null}
      <UiKitDemo />
    </>
  );
}
