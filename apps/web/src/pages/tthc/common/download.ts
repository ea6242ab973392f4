/**
 * The API answers files only to a bearer token, so a plain link cannot fetch them: fetch with
 * the client, then show the blob. The tab is opened inside the click (before awaiting), or
 * popup blockers would stop it.
 */
export async function openInNewTab(fetcher: () => Promise<Response>): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const url = URL.createObjectURL(await (await fetcher()).blob());
    if (tab) tab.location.href = url;
    else location.assign(url);
    // The tab has loaded it well before then; free the memory.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

export async function download(fetcher: () => Promise<Response>, fileName: string): Promise<void> {
  const url = URL.createObjectURL(await (await fetcher()).blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
