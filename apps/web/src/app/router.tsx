import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { Shell } from './Shell.tsx';
import { Guard } from './Guard.tsx';
import { pageRoutes } from './registry.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';

const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFoundPage });

const children = pageRoutes.map((page) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path: page.path,
    // The page's chunk is loaded while the previous page stays on screen (and before the first render, main.tsx).
    component: Object.assign(() => <Guard page={page} />, { preload: () => page.component.preload?.() }),
  }),
);

export const router = createRouter({ routeTree: rootRoute.addChildren(children), defaultPreload: 'intent', scrollRestoration: true });
