import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { themeScript } from '@/components/theme/theme-script';
import { Providers } from '@/components/providers';
import './globals.css';
import './console.css';

export const metadata: Metadata = {
  title: { default: 'Profile Console', template: '%s · Profile Console' },
  description: 'Activate and manage Elasticsearch user profiles',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets data-theme before React hydrates, hence suppressHydrationWarning.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
