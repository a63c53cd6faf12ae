-- Demo sign-in sessions: each demo token names its row, so signing out revokes the token for good.
create table public.demo_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
alter table public.demo_sessions enable row level security;
create index demo_sessions_expires_idx on public.demo_sessions (expires_at);
