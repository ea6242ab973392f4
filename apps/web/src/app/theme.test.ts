// The theme's text-carrying shades read at WCAG AA (4.5:1) wherever Mantine draws them as text:
// error text and menu items (shade 6), outline and filled buttons (primary shade 7), light badges
// (shade 9 on shade 1), on white and on Mantine's light grey.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readableColors, theme } from './theme.ts';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

test('contrast is computed as WCAG defines it', () => {
  assert.equal(contrast('#000000', '#ffffff'), 21);
  // Mantine's own red.6 on white: the error text the filing wizard showed.
  assert.equal(contrast('#fa5252', '#ffffff').toFixed(2), '3.28');
});

test('every text-carrying shade reads at 4.5:1 on white, light grey and its palette\'s light shades', () => {
  const failures: string[] = [];
  for (const [name, shades] of Object.entries(readableColors)) {
    const backgrounds = ['#ffffff', '#f8f9fa', shades[0], shades[1]];
    for (const shade of [6, 7, 8, 9]) {
      for (const background of backgrounds) {
        const ratio = contrast(shades[shade]!, background);
        if (ratio < 4.5) failures.push(`${name}.${shade} ${shades[shade]} on ${background}: ${ratio.toFixed(2)}:1`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('the theme uses those palettes, with the primary shade among them', () => {
  for (const [name, shades] of Object.entries(readableColors)) assert.deepEqual(theme.colors?.[name], shades, name);
  assert.equal(theme.primaryShade, 7);
  const sen = theme.colors?.sen;
  assert.ok(sen && contrast(sen[7]!, '#ffffff') >= 4.5, 'white text on the primary colour');
});
