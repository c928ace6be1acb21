// Shows every time on the page in the person's zone, named: the zone chosen in Settings (the page's
// data-time-zone), else the browser's. The server writes each time in UTC, labelled so, inside
// <time datetime="…Z" data-local="datetime|date|time">; without script that is what stays. A data-local-title does the
// same for a title (the exact time behind "5 min ago").
export function showLocalTimes(root) {
  const locale = document.documentElement.lang || undefined;
  const timeZone = document.documentElement.dataset.timeZone || undefined;
  const formats = {
    datetime: new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }),
    date: new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }),
    time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }),
  };
  for (const element of root.querySelectorAll('time[datetime]')) {
    const when = new Date(element.getAttribute('datetime'));
    if (Number.isNaN(when.getTime())) continue;
    const text = formats[element.dataset.local];
    if (text) element.textContent = text.format(when);
    const title = formats[element.dataset.localTitle];
    if (title) element.title = title.format(when);
  }
}
