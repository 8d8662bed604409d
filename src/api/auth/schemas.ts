import { z } from '@hono/zod-openapi';

export const UserSchema = z
  .object({ id: z.number().int(), email: z.string(), name: z.string().nullable(), role: z.enum(['admin', 'analyst', 'staff']), createdAt: z.string() })
  .openapi('User');

export const LoginBody = z
  .object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) })
  .openapi('Login', { example: { email: 'admin@example.com', password: 'a long passphrase' } });

export const SessionSchema = z.object({ user: UserSchema, csrfToken: z.string().nullable() }).openapi('Session');
