import { createTheme, mergeThemeOverrides, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';

// Lotus-leaf green; shade 7 (primary) has > 6:1 contrast against white text.
const sen: MantineColorsTuple = ['#e6f6f0', '#cdeae0', '#9fd5c1', '#6dbfa0', '#45ac85', '#2c9f74', '#18895f', '#0b6e4f', '#085c42', '#044a34'];

/**
 * Colours that carry text. Mantine draws error text and menu items in shade 6, outline and filled
 * buttons in the primary shade (7), light badges in shade 9 on shade 1 — with its own palettes
 * that is 2:1–4.3:1 (error text 3.28:1, a "completed" badge 3.8:1). Shades 0–5 are Mantine's;
 * shades 6–9 are Mantine's scaled toward black until each reads at 4.5:1 or better (WCAG AA) on
 * white, on Mantine's light grey (#f8f9fa) and on shades 0 and 1 (theme.test.ts checks it).
 * The lotus-flower pink (accents) follows the same rule.
 */
export const readableColors = {
  red: ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#b83c3c', '#b62f2f', '#b02626', '#a42222'],
  orange: ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#a4520d', '#a74605', '#a13e08', '#9b330b'],
  yellow: ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#906503', '#8f5d00', '#8f5300', '#8d4900'],
  green: ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#297a37', '#247432', '#206d2f', '#20662e'],
  teal: ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#0c7a59', '#087353', '#076c4d', '#066548'],
  blue: ['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#1a69ae', '#1663a8', '#145c9e', '#155693'],
  gray: ['#f8f9fa', '#f1f3f5', '#e9ecef', '#dee2e6', '#ced4da', '#adb5bd', '#686e74', '#495057', '#343a40', '#212529'],
  lotus: ['#fdeef4', '#f8dbe6', '#f0b4ca', '#e98bad', '#e26894', '#de5285', '#ae3763', '#a82f5c', '#9f2a56', '#972151'],
} satisfies Record<string, MantineColorsTuple>;

export const theme = createTheme({
  primaryColor: 'sen',
  primaryShade: 7,
  colors: { sen, ...readableColors },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  // Plain objects, not Menu.extend(…): importing the components here would put them (and their
  // dependencies) into the first download of every page.
  components: {
    // Mantine's focus placeholder is a tabindex=-1 child of role="menu" that is not a menu item
    // (axe aria-required-children); without it the menu focuses its first item, as ARIA's menu pattern says.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    // The option list (role="listbox") scrolls itself instead of a scroll area inside it, so it is
    // the combobox's popup that scrolls — reached with the arrow keys from the input — and not an
    // anonymous scroller the keyboard cannot reach (axe scrollable-region-focusable). Height: global.css.
    Select: { defaultProps: { withScrollArea: false } },
    TagsInput: { defaultProps: { withScrollArea: false } },
  },
});

/** The theme with the labels Mantine's own controls need, in the reader's language. */
export function localisedTheme(labels: { close: string }): MantineThemeOverride {
  return mergeThemeOverrides(
    theme,
    createTheme({ components: { Modal: { defaultProps: { closeButtonProps: { 'aria-label': labels.close } } } } }),
  );
}
