// AllocationChart and ValueChart: draws the series the server wrote into each canvas's data-keyfolio-chart
// attribute with Chart.js. Amounts arrive as invariant decimal strings; the table beside each chart keeps the
// exact figures, the chart only needs their shape.
const chartJsUrl = new URL('../lib/chart.js/chart.umd.min.js', import.meta.url).href;

const palette = ['#1f4e79', '#2e8b8b', '#d08c2a', '#7a5ea8', '#4f8f3a', '#c0504d', '#5b7fa6', '#9a7b4f', '#3f9ac9', '#8c8c8c'];

function money(locale, fractionDigits) {
  // "$" in every language, as the pages write it (zh's own form would be "US$").
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

function allocationConfig(spec, format, legend) {
  return {
    type: 'doughnut',
    data: {
      labels: spec.labels,
      datasets: [{
        label: spec.valueLabel,
        data: spec.values.map(Number),
        backgroundColor: spec.labels.map((_, i) => palette[i % palette.length]),
        borderColor: '#ffffff',
        borderWidth: 2,
      }],
    },
    options: {
      cutout: '62%',
      plugins: {
        // Beside its own table of figures the chart needs no legend; where the page keeps the figures elsewhere it does.
        legend: { display: legend, position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: { callbacks: { label: (item) => `${item.label}: ${format.format(item.raw)}` } },
      },
    },
  };
}

function valueConfig(spec, format, locale) {
  const axis = money(locale, 0);
  const incomplete = spec.incomplete ?? [];
  const atLeast = (amount) => (spec.atLeast ?? '≥ {0}').replace('{0}', amount);
  // The finest unit that tells the points apart over their span: seconds within an hour, minutes within two days,
  // days beyond.
  const times = spec.labels.map((iso) => new Date(iso));
  const span = times.length > 1 ? times[times.length - 1] - times[0] : 0;
  const hour = 3600 * 1000;
  // In the zone every other time on the page is shown in: the one chosen in Settings, else the browser's.
  const timeZone = document.documentElement.dataset.timeZone || undefined;
  const dates = span < hour
    ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone })
    : span < 48 * hour
      ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone })
      : new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone });
  // Each marker (a connection added or removed) at the point nearest its moment.
  const markers = (spec.markers ?? []).map((marker) => {
    const at = new Date(marker.at).getTime();
    let index = 0;
    times.forEach((time, i) => { if (Math.abs(time - at) < Math.abs(times[index] - at)) index = i; });
    return { index, text: marker.text };
  });
  const markerLines = {
    id: 'keyfolioMarkers',
    afterDatasetsDraw(chart) {
      if (markers.length === 0) return;
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.strokeStyle = '#8a5a00';
      ctx.setLineDash([4, 4]);
      for (const marker of markers) {
        const x = scales.x.getPixelForValue(marker.index);
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
      }
      ctx.restore();
    },
  };
  return {
    type: 'line',
    plugins: [markerLines],
    data: {
      labels: times.map((time) => dates.format(time)),
      datasets: [{
        label: spec.valueLabel,
        data: spec.values.map(Number),
        borderColor: palette[0],
        backgroundColor: 'rgba(31, 78, 121, 0.08)',
        fill: true,
        tension: 0.25,
        pointRadius: spec.values.length > 40 ? 0 : 3,
      }],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        y: { ticks: { callback: (value) => axis.format(value) }, grid: { color: '#e6ebf0' } },
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true } },
      },
      plugins: {
        legend: { display: false },
        // A point that missed a wallet is a lower bound: its tooltip says "at least".
        tooltip: { callbacks: { label: (item) => (incomplete[item.dataIndex] ? atLeast(format.format(item.raw)) : format.format(item.raw)) } },
      },
    },
  };
}

export async function renderCharts(root) {
  const canvases = [...root.querySelectorAll('canvas[data-keyfolio-chart]')];
  if (canvases.length === 0) return;

  // Chart.js ships as a UMD bundle; imported as a module it registers itself on the global object.
  await import(chartJsUrl);
  const { Chart } = globalThis;
  const locale = document.documentElement.lang || undefined;
  const format = money(locale, 2);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#4a5668';

  for (const canvas of canvases) {
    const spec = JSON.parse(canvas.dataset.keyfolioChart);
    const legend = canvas.closest('figure')?.querySelector('.chart__table.visually-hidden') !== null;
    const config = spec.kind === 'allocation' ? allocationConfig(spec, format, legend) : valueConfig(spec, format, locale);
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    config.options.animation = false;
    new Chart(canvas, config);
  }
}
