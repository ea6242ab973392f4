import { createTheme, type MantineColorsTuple } from '@mantine/core';

// Lotus-leaf green; shade 7 (primary) has > 6:1 contrast against white text.
const sen: MantineColorsTuple = ['#e6f6f0', '#cdeae0', '#9fd5c1', '#6dbfa0', '#45ac85', '#2c9f74', '#18895f', '#0b6e4f', '#085c42', '#044a34'];
// Lotus-flower pink for accents only (never text on white).
const lotus: MantineColorsTuple = ['#fdeef4', '#f8dbe6', '#f0b4ca', '#e98bad', '#e26894', '#de5285', '#dc467d', '#c3376b', '#af2e5f', '#992152'];

export const theme = createTheme({
  primaryColor: 'sen',
  primaryShade: 7,
  colors: { sen, lotus },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
});
