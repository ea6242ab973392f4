// Answers the server already put into a page it rendered (apps/server/citizen-pages): the web app
// starts from the same data instead of asking again, so taking over changes nothing on screen.
let answers: Record<string, unknown> | undefined;

function read(): Record<string, unknown> {
  const element = typeof document === 'undefined' ? null : document.getElementById('sen-prefetched');
  try {
    return element?.textContent ? (JSON.parse(element.textContent) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The server's answer to GET `url`, once (later reads go to the API); undefined when there is none. */
export function takePrefetched<T>(url: string): T | undefined {
  answers ??= read();
  if (!(url in answers)) return undefined;
  const answer = answers[url] as T;
  delete answers[url];
  return answer;
}
