/**
 * <ProfileStatusBadge enabled />: Kibana's status column: "Enabled" (success) or "Disabled"
 * (hollow, as Kibana shows deactivated users).
 */
import { Badge, BadgeGroup } from '@/components/ui/badge';

export function ProfileStatusBadge({ enabled, 'data-testid': testId }: { enabled: boolean; 'data-testid'?: string }) {
  return enabled ? (
    <Badge color="success" data-testid={testId}>
      Enabled
    </Badge>
  ) : (
    <Badge color="hollow" data-testid={testId}>
      Disabled
    </Badge>
  );
}

/** Role names as a wrapped row of badges; "—" when there are none. */
export function RoleBadges({ roles }: { roles: string[] }) {
  if (roles.length === 0) return <span className="pc-text--subdued">—</span>;
  return (
    <BadgeGroup>
      {roles.map((role) => (
        <Badge key={role}>{role}</Badge>
      ))}
    </BadgeGroup>
  );
}
