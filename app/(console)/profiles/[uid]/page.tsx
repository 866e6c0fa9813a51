import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { currentSession } from '@/lib/console/session';
import { consolePermissions } from '@/lib/console/privileges';
import { getProfile, profileUserExists } from '@/lib/console/profiles';
import { PermissionPrompt } from '@/components/permission/permission-prompt';
import { ProfileDataEditor } from '@/components/profiles/profile-data-editor';
import { ProfileStatusAction } from '@/components/profiles/profile-status-action';
import { ProfileStatusBadge } from '@/components/profiles/profile-status-badge';
import { ProfileSummary } from '@/components/profiles/profile-summary';
import { asProfileDocument } from '@/components/profiles/types';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { CallOut } from '@/components/ui/call-out';
import { CodeBlock } from '@/components/ui/code-block';
import { CopyButton } from '@/components/ui/copy-button';
import { PageHeader } from '@/components/ui/page-header';
import { PageBreadcrumbs } from '@/components/chrome/page-breadcrumbs';
import { Panel } from '@/components/ui/panel';
import { Spacer } from '@/components/ui/spacer';

interface Params {
  params: Promise<{ uid: string }>;
}

/** One read per request, shared by the metadata and the page. */
const loadProfile = cache(async (uid: string) => {
  const raw = await getProfile(await currentSession(), uid);
  const profile = asProfileDocument(raw);
  // A comma in the path would ask for several profiles: only an exact uid is this page.
  return raw && profile && profile.uid === uid ? { raw, profile } : undefined;
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  try {
    const loaded = await loadProfile((await params).uid);
    return { title: loaded ? `Profile of ${loaded.profile.user.username}` : 'Profile not found' };
  } catch {
    return { title: 'User profile' };
  }
}

function prettyJson(value: Record<string, unknown>): string {
  return JSON.stringify(value, null, 2);
}

export default async function ProfilePage({ params }: Params) {
  const permissions = await consolePermissions(await currentSession());
  if (!permissions.manageProfiles) return <PermissionPrompt privilege="manage_user_profile" what="manage user profiles" />;

  const { uid } = await params;
  const loaded = await loadProfile(uid);
  if (!loaded) notFound();
  const { raw, profile } = loaded;
  const { username } = profile.user;
  const userDeleted = (await profileUserExists(await currentSession(), profile.user)) === false;

  return (
    <>
      <PageBreadcrumbs items={[{ text: 'User profiles' }, { text: 'Find profiles', href: '/profiles' }, { text: username }]} />
      <PageHeader
        pageTitle={
          <span className="pc-profile-title">
            <Avatar name={profile.user.full_name || username} size="l" />
            <span data-testid="profileTitle">{username}</span>
          </span>
        }
        description={
          <span className="pc-profile-title__meta">
            <span className="pc-profile-title__uid-group">
              <code className="pc-profile-title__uid" data-testid="profileUid">
                {profile.uid}
              </code>
              <CopyButton text={profile.uid} aria-label="Copy uid" />
            </span>
            <ProfileStatusBadge enabled={profile.enabled} data-testid="profileStatus" />
            {userDeleted ? (
              <Badge color="warning" iconType="alert" data-testid="userDeletedBadge">
                User deleted
              </Badge>
            ) : null}
          </span>
        }
        rightSideItems={[<ProfileStatusAction key="status" uid={profile.uid} username={username} enabled={profile.enabled} />]}
        bottomBorder
      />
      <Spacer size="l" />
      {userDeleted ? (
        <>
          <CallOut color="warning" title="The user of this profile was deleted" data-testid="userDeletedCallOut">
            <p>
              User &apos;{username}&apos; no longer exists in the native realm. Elasticsearch keeps the profile with its
              labels and data, but it can no longer be activated — unless a user named &apos;{username}&apos; is created
              again, who then gets this profile back.
            </p>
          </CallOut>
          <Spacer size="l" />
        </>
      ) : null}
      {profile.enabled ? null : (
        <>
          <CallOut color="warning" iconType="minusInCircle" title="This profile is disabled" data-testid="disabledCallOut">
            <p>
              It is not suggested and is ignored by privilege checks on profiles until it is enabled again, here or by
              activating the profile again.
            </p>
          </CallOut>
          <Spacer size="l" />
        </>
      )}
      <div className="pc-profile-detail">
        <Panel paddingSize="l" as="section" aria-labelledby="profile-summary-title" className="pc-profile-detail__summary">
          <h2 id="profile-summary-title" className="pc-title pc-title--xs">
            Summary
          </h2>
          <Spacer size="m" />
          <ProfileSummary profile={profile} />
        </Panel>
        <Panel paddingSize="l" as="section" aria-labelledby="profile-json-title" className="pc-profile-detail__json">
          <div className="pc-profile-detail__json-header">
            <h2 id="profile-json-title" className="pc-title pc-title--xs">
              Profile JSON
            </h2>
            <code className="pc-profile-detail__request">GET /_security/profile/{profile.uid}?data=*</code>
          </div>
          <Spacer size="m" />
          <CodeBlock
            value={raw}
            language="json"
            isCopyable
            lineNumbers
            whiteSpace="pre-wrap"
            overflowHeight={440}
            aria-label="Profile JSON"
            data-testid="profileJson"
          />
        </Panel>
      </div>
      <Spacer size="l" />
      <Panel paddingSize="l" as="section" aria-labelledby="profile-data-title">
        <h2 id="profile-data-title" className="pc-title pc-title--xs">
          Labels and data
        </h2>
        <Spacer size="s" />
        <p className="pc-text pc-text--subdued pc-profile-data__intro" id="profile-data-help">
          Saving merges what you enter into the stored profile, as Elasticsearch&apos;s update profile data API does:
          keys you leave out are kept, nested objects are merged key by key, and other values are replaced. To clear a
          key, set it to <code className="pc-code-inline">null</code> (the profile then stores null for it). Top-level
          keys are application names: they must not contain a dot or start with an underscore.
        </p>
        <Spacer size="m" />
        <ProfileDataEditor uid={profile.uid} username={username} labels={prettyJson(profile.labels)} data={prettyJson(profile.data)} />
      </Panel>
    </>
  );
}
