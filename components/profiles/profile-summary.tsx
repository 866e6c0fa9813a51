/**
 * <ProfileSummary profile />: the profile at a glance as a description list (user, realm,
 * status, last synchronization and the document's sequence number and primary term).
 */
import { DescriptionList } from '@/components/ui/description-list';
import { ProfileStatusBadge, RoleBadges } from './profile-status-badge';
import { RelativeTime } from './relative-time';
import type { ProfileDocument } from './types';

const NONE = <span className="pc-text--subdued">—</span>;

export function ProfileSummary({ profile }: { profile: ProfileDocument }) {
  const { user } = profile;
  return (
    <DescriptionList
      type="columns"
      className="pc-profile-summary"
      items={[
        { title: 'Username', description: <span data-testid="summaryUsername">{user.username}</span> },
        { title: 'Full name', description: user.full_name || NONE },
        { title: 'Email address', description: user.email || NONE },
        { title: 'Roles', description: <RoleBadges roles={user.roles} /> },
        {
          title: 'Realm',
          description: (
            <>
              <span className="pc-mono">{user.realm_name}</span>
              {user.realm_domain ? (
                <span className="pc-text--subdued">
                  {' '}
                  (domain <span className="pc-mono">{user.realm_domain}</span>)
                </span>
              ) : null}
            </>
          ),
        },
        { title: 'Status', description: <ProfileStatusBadge enabled={profile.enabled} data-testid="summaryStatus" /> },
        {
          title: 'Last synchronized',
          description: profile.last_synchronized ? <RelativeTime ms={profile.last_synchronized} showExact /> : NONE,
        },
        {
          title: 'Document',
          description: (
            <span className="pc-mono" data-testid="summaryDoc">
              _seq_no {profile._doc._seq_no} · _primary_term {profile._doc._primary_term}
            </span>
          ),
        },
      ]}
    />
  );
}
