import { Anchor, AppShell, Box, Burger, Button, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider.tsx';
import { allows, pageRoutes, sections } from './registry.tsx';
import classes from './Shell.module.css';

export function Shell() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  useEffect(close, [pathname, close]);

  const viewer = { signedIn: auth.signedIn && !!auth.me, kind: auth.me?.kind, canAny: auth.canAny };
  const nav = sections
    .map((section) => ({
      ...section,
      pages: pageRoutes.filter((page) => page.section === section.id && page.labelKey && allows(page.access, viewer)),
    }))
    .filter((section) => section.pages.length > 0);
  // The deepest matching entry is the current one: /workspace/counter is not also /workspace.
  const activePath = nav
    .flatMap((section) => section.pages.map((page) => page.path))
    .filter((path) => pathname === path || pathname.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length)[0];
  const other = i18n.language === 'en' ? 'vi' : 'en';

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a href="#main-content" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNav')} aria-expanded={opened} />
            <Anchor component={Link} to="/" underline="never" className={classes.brand}>
              <img src="/favicon.svg" alt="" width={32} height={32} />
              <Box>
                <Text fw={800} size="lg" lh={1.1} c="sen.8">
                  Sen
                </Text>
                <Text size="xs" c="dimmed" lh={1.1} visibleFrom="xs">
                  {t('app.tagline')}
                </Text>
              </Box>
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {/* On a phone the language switch shows its code, so the signed-in name keeps the room. */}
            <Button variant="subtle" size="compact-sm" lang={other} onClick={() => void i18n.changeLanguage(other)}>
              <Box component="span" visibleFrom="xs">{other === 'en' ? 'English' : 'Tiếng Việt'}</Box>
              <Box component="span" hiddenFrom="xs">
                {other.toUpperCase()}
                <VisuallyHidden> ({other === 'en' ? 'English' : 'Tiếng Việt'})</VisuallyHidden>
              </Box>
            </Button>
            {auth.signedIn ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <UnstyledButton className={classes.user} aria-label={t('shell.accountMenu', { name: auth.me?.displayName ?? '' })}>
                    <Text size="sm" fw={600} lh={1.2} lineClamp={2} className={classes.userName} data-testid="current-user">
                      {auth.me?.displayName ?? t('common.loading')}
                    </Text>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item component={Link} to="/account">
                    {t('nav.account')}
                  </Menu.Item>
                  <Menu.Item color="red" onClick={() => void auth.signOut()}>
                    {t('auth.signOut')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : (
              <Button id="header-sign-in" onClick={() => void auth.signIn()}>
                {t('auth.signIn')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" component="nav" aria-label={t('shell.mainNav')}>
        <ScrollArea>
          <Stack gap="md">
            {nav.map((section) => (
              <Box key={section.id} component="section" aria-labelledby={`nav-${section.id}`}>
                <Text id={`nav-${section.id}`} component="h2" size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={4}>
                  {t(section.labelKey)}
                </Text>
                <ul className={classes.navList}>
                  {section.pages.map((page) => {
                    const active = page.path === activePath;
                    return (
                      <li key={page.path}>
                        <NavLink
                          component={Link}
                          to={page.path}
                          label={t(page.labelKey ?? '')}
                          active={active}
                          aria-current={active ? 'page' : undefined}
                        />
                      </li>
                    );
                  })}
                </ul>
              </Box>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
