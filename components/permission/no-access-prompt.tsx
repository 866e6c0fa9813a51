import { DeniedPrompt } from './permission-prompt';

/**
 * The whole console for a signed-in user whose roles open none of its sections (e.g. only
 * `viewer`): one page that says so, instead of a page's own permission prompt under an empty
 * navigation. Sign out stays in the header's user menu.
 */
export function NoAccessPrompt() {
  return (
    <DeniedPrompt title="You don't have access" testId="noAccessPrompt">
      <p>
        Your roles grant none of the privileges this console needs: <code>manage_user_profile</code> to activate and manage
        user profiles, or <code>manage_security</code> to manage users.
      </p>
      <p>Contact your administrator, or sign out and sign in as another user.</p>
    </DeniedPrompt>
  );
}
