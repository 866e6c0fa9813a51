import { describe, expect, it } from 'vitest';
import { currentHref, defaultBreadcrumbs, navGroupsFor } from './nav-config';

describe('currentHref', () => {
  it('picks the longest matching link', () => {
    expect(currentHref('/profiles/activate')).toBe('/profiles/activate');
    expect(currentHref('/profiles')).toBe('/profiles');
    expect(currentHref('/profiles/u_abc_0')).toBe('/profiles');
    expect(currentHref('/users/edit/jacknich')).toBe('/users');
    expect(currentHref('/roles/viewer')).toBe('/roles');
  });
  it('does not match on a bare prefix', () => {
    expect(currentHref('/profilesx')).toBeNull();
    expect(currentHref('/')).toBeNull();
    expect(currentHref(null)).toBeNull();
  });
});

describe('defaultBreadcrumbs', () => {
  it('group and page for list pages', () => {
    expect(defaultBreadcrumbs('/profiles/activate')).toEqual([{ text: 'User profiles' }, { text: 'Activate' }]);
    expect(defaultBreadcrumbs('/users')).toEqual([{ text: 'Security' }, { text: 'Users' }]);
    expect(defaultBreadcrumbs('/roles')).toEqual([{ text: 'Security' }, { text: 'Roles' }]);
    expect(defaultBreadcrumbs('/roles/team_lead')).toEqual([{ text: 'Security' }, { text: 'Roles', href: '/roles' }, { text: 'team_lead' }]);
  });
  it('adds the decoded detail segment with a link back', () => {
    expect(defaultBreadcrumbs('/users/edit/jack%20n')).toEqual([
      { text: 'Security' },
      { text: 'Users', href: '/users' },
      { text: 'jack n' },
    ]);
    expect(defaultBreadcrumbs('/profiles/%E0%A4%A')).toEqual([
      { text: 'User profiles' },
      { text: 'Find profiles', href: '/profiles' },
      { text: '%E0%A4%A' },
    ]);
  });
  it('falls back to Home', () => {
    expect(defaultBreadcrumbs('/')).toEqual([{ text: 'Home' }]);
  });
});

describe('navGroupsFor', () => {
  const ids = (manageProfiles: boolean, manageUsers: boolean) => navGroupsFor({ manageProfiles, manageUsers }).map((g) => g.id);
  it('lists only the sections the admin may open', () => {
    expect(ids(true, true)).toEqual(['profiles', 'security']);
    expect(ids(true, false)).toEqual(['profiles']);
    expect(ids(false, true)).toEqual(['security']);
    expect(ids(false, false)).toEqual([]);
  });
});
