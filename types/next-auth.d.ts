import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user: { name?: string | null; email?: string | null; username: string };
    error?: 'RefreshFailed';
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    username: string;
    accessToken: string;
    refreshToken: string;
    /** Epoch ms when the access token expires. */
    expiresAt: number;
    error?: 'RefreshFailed';
  }
}
