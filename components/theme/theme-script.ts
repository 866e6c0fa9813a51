/**
 * The inline script that applies the colour mode before first paint (no flash of the wrong theme).
 *
 * Use it once, first thing in <head> of app/layout.tsx, and mark <html> with
 * suppressHydrationWarning (the script adds attributes React did not render):
 *
 *   import { themeScript } from '@/components/theme/theme-script';
 *   <html lang="en" suppressHydrationWarning>
 *     <head><script dangerouslySetInnerHTML={{ __html: themeScript }} /></head>
 *
 * It reads localStorage `pc-theme` ("system" | "light" | "dark"; default system), sets
 * `data-theme="light|dark"` and `data-theme-preference` on <html>, and keeps following
 * prefers-color-scheme live (and other tabs' changes) while the preference is "system".
 * Keep in sync with components/theme/theme.ts (same key, same attributes).
 */

export const THEME_SCRIPT_KEY = 'pc-theme';

export const themeScript = `(function(){try{var d=document.documentElement,k=${JSON.stringify(
  THEME_SCRIPT_KEY,
)},m=window.matchMedia?window.matchMedia("(prefers-color-scheme: dark)"):null;function p(){var v=null;try{v=localStorage.getItem(k)}catch(e){}return v==="light"||v==="dark"?v:"system"}function a(){var v=p(),t=v==="system"?(m&&m.matches?"dark":"light"):v;d.setAttribute("data-theme",t);d.setAttribute("data-theme-preference",v)}a();if(m&&m.addEventListener)m.addEventListener("change",a);window.addEventListener("storage",function(e){if(e.key===null||e.key===k)a()})}catch(e){}})();`;
