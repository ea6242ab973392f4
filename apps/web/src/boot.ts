// The page's first paint comes before the web app: on the pages the server renders (citizen-pages/)
// the citizen reads the page at once on a slow phone, and the web app (its JavaScript and Mantine's
// styles) loads only after that frame, then takes over. Elsewhere the wait is one frame.
requestAnimationFrame(() => {
  setTimeout(() => void import('./main.tsx'), 0);
});
