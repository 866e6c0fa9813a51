import { Badge } from '@/components/ui/badge';

/** Shown beside a user's profile uid (users list, edit page) when that profile is disabled. */
export function ProfileDisabledBadge({ enabled }: { enabled: boolean | undefined }) {
  if (enabled !== false) return null;
  return (
    <Badge color="hollow" iconType="minusInCircle" data-testid="profileDisabledBadge">
      Profile disabled
    </Badge>
  );
}
