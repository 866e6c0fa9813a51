import type { Metadata } from 'next';
import Link from 'next/link';
import { currentSession, type AdminSession } from '@/lib/console/session';
import { consolePermissions } from '@/lib/console/privileges';
import { findProfiles } from '@/lib/console/profiles';
import { PermissionPrompt } from '@/components/permission/permission-prompt';
import { ProfileFinder } from '@/components/profiles/profile-finder';
import type { ProfileSearchResult } from '@/components/profiles/types';
import { buttonClassName } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { PageHeader } from '@/components/ui/page-header';
import { Spacer } from '@/components/ui/spacer';

export const metadata: Metadata = { title: 'Find profiles' };

/** The first results come with the page; a failure here is shown by the finder, which retries. */
async function firstResults(session: AdminSession, name: string): Promise<{ result: ProfileSearchResult | null; at: number }> {
  try {
    const result = await findProfiles(session, name, 100);
    return { result, at: Date.now() };
  } catch {
    return { result: null, at: 0 };
  }
}

export default async function ProfilesPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const session = await currentSession();
  const permissions = await consolePermissions(session);
  if (!permissions.manageProfiles) return <PermissionPrompt privilege="manage_user_profile" what="manage user profiles" />;

  const q = (await searchParams).q;
  const initialName = (Array.isArray(q) ? q[0] : q ?? '').slice(0, 256);
  const first = await firstResults(session, initialName.trim());

  return (
    <>
      <PageHeader
        pageTitle="Find profiles"
        description={
          <>
            Search user profiles by username, full name or email address. Disabled profiles are not listed; find them
            from{' '}
            <Link href="/users" className="pc-link pc-profiles__inline-link">
              Users
            </Link>
            .
          </>
        }
        rightSideItems={[
          <Link key="activate" href="/profiles/activate" className={buttonClassName({ display: 'fill' })} data-testid="activateProfileLink">
            <span className="pc-button__content">
              <Icon type="plusInCircle" />
              <span className="pc-button__label">Activate profile</span>
            </span>
          </Link>,
        ]}
        bottomBorder
      />
      <Spacer size="l" />
      <ProfileFinder initialName={initialName} initialResult={first.result} initialResultAt={first.at} />
    </>
  );
}
