import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { currentSession } from '@/lib/console/session';
import { consolePermissions } from '@/lib/console/privileges';
import { getUserWithProfileState, listRoles } from '@/lib/console/users';
import { PermissionPrompt } from '@/components/permission/permission-prompt';
import { ChangePasswordForm } from '@/components/users/change-password-form';
import { DeleteUserZone } from '@/components/users/delete-user-zone';
import { DescribedFormGroup } from '@/components/users/described-form-group';
import { UserDetailsForm } from '@/components/users/user-details-form';
import { UserStatusZone } from '@/components/users/user-status-zone';
import { activateHref, offersProfileActivation, profileHref } from '@/components/users/types';
import { Avatar } from '@/components/ui/avatar';
import { ProfileDisabledBadge } from '@/components/users/profile-disabled-badge';
import { buttonClassName } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { DescriptionList } from '@/components/ui/description-list';
import { Icon } from '@/components/ui/icon';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Spacer } from '@/components/ui/spacer';
import { HorizontalRule } from '@/components/ui/typography';

type Params = { params: Promise<{ username: string }> };

/** The route param arrives still percent-encoded (e.g. "mary%20jane"). */
async function usernameParam(params: Params['params']): Promise<string> {
  const { username } = await params;
  try {
    return decodeURIComponent(username);
  } catch {
    return username;
  }
}

/** One read per request, shared by the metadata and the page. */
const loadUser = cache(async (username: string) => getUserWithProfileState(await currentSession(), username));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const username = await usernameParam(params);
  try {
    if (!(await loadUser(username))) return { title: 'User not found' };
  } catch {
    // No permission or no backend: the page says so; the title names the user asked for.
  }
  return { title: `Edit user ${username}` };
}

export default async function EditUserPage({ params }: Params) {
  const username = await usernameParam(params);
  const session = await currentSession();
  const permissions = await consolePermissions(session);
  if (!permissions.manageUsers) return <PermissionPrompt privilege="manage_security" what="manage users" />;
  const [user, roles] = await Promise.all([loadUser(username), listRoles(session)]);
  if (!user) notFound();
  const displayName = user.fullName || user.username;

  return (
    <>
      <PageHeader
        pageTitle={
          <span className="pc-user-title">
            <Avatar name={displayName} size="l" />
            <span>{displayName}</span>
          </span>
        }
        description={
          user.fullName || user.email ? (
            <span className="pc-user-title__meta">
              {user.fullName ? <span>{user.username}</span> : null}
              {user.email ? <span>{user.email}</span> : null}
            </span>
          ) : undefined
        }
        bottomBorder
        rightSideItems={[
          <Link key="back" href="/users" className={buttonClassName({ display: 'empty' })} data-testid="backToUsers">
            <span className="pc-button__content">
              <Icon type="arrowLeft" />
              <span className="pc-button__label">Back to users</span>
            </span>
          </Link>,
        ]}
      />
      <Spacer size="l" />
      {user.reserved ? (
        <>
          <CallOut iconType="lock" title="This user is built in and can't be updated or deleted." data-testid="reservedUserCallOut" />
          <Spacer size="l" />
        </>
      ) : null}
      {!user.enabled ? (
        <>
          <CallOut color="warning" title="This user is deactivated." data-testid="disabledUserCallOut">
            <p>A deactivated user can&apos;t sign in. Activate the user to allow it again.</p>
          </CallOut>
          <Spacer size="l" />
        </>
      ) : null}
      <Panel paddingSize="l" as="section" aria-label="User details">
        <UserDetailsForm user={user} roles={roles} />
      </Panel>
      <Spacer size="l" />
      <Panel paddingSize="l">
        <DescribedFormGroup
          title="User profile"
          description="Kibana features such as Cases assignees work with the user's profile. Elasticsearch creates it when the user first signs in to Kibana, or when you activate it."
          data-testid="userProfileSection"
        >
          {user.profileUid ? (
            <DescriptionList
              items={[
                {
                  title: 'Profile UID',
                  description: (
                    <span className="pc-users-profile-line">
                      <Link className="pc-link pc-mono" href={profileHref(user.profileUid)} data-testid="profileUidLink">
                        {user.profileUid}
                      </Link>
                      <ProfileDisabledBadge enabled={user.profileEnabled} />
                    </span>
                  ),
                },
              ]}
            />
          ) : (
            <>
              <DescriptionList items={[{ title: 'Profile', description: 'Not activated' }]} />
              {offersProfileActivation(user) ? (
                <>
                  <Spacer size="m" />
                  <Link href={activateHref(user.username)} className={buttonClassName({ size: 's' })} data-testid="activateProfileLink">
                    Activate profile
                  </Link>
                </>
              ) : null}
            </>
          )}
        </DescribedFormGroup>
      </Panel>
      <Spacer size="l" />
      <Panel paddingSize="l">
        <ChangePasswordForm username={user.username} ownAccount={user.username === session.username} />
      </Panel>
      <HorizontalRule />
      {/* Not for one's own account: Elasticsearch refuses it, and Kibana does not offer it. */}
      {user.username !== session.username ? (
        <>
          <UserStatusZone username={user.username} enabled={user.enabled} />
          <Spacer size="m" />
        </>
      ) : null}
      <DeleteUserZone username={user.username} reserved={user.reserved} />
    </>
  );
}
