import { Anchor, type AnchorProps } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';

interface Props extends AnchorProps {
  to: string;
  search: Record<string, string>;
  children: ReactNode;
}

/**
 * An in-app link with search parameters. The routes are built at run time from the registry,
 * so the router's typed `search` prop cannot describe them; this keeps a real href (open in a
 * new tab, copy link) and navigates without reloading on a plain click.
 */
export function SearchLink({ to, search, children, ...props }: Props) {
  const navigate = useNavigate();
  return (
    <Anchor
      {...props}
      href={`${to}?${new URLSearchParams(search).toString()}`}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        void navigate({ to, search });
      }}
    >
      {children}
    </Anchor>
  );
}
