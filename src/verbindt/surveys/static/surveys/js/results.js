// Draws the results page's charts from the data in <script id="chart-data">; no inline script,
// as the Content Security Policy asks.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("chart-data");
  if (!source || !window.Chart) return;
  for (const chart of JSON.parse(source.textContent)) {
    const canvas = document.getElementById(chart.id);
    if (!canvas) continue;
    canvas.parentElement.style.height = chart.horizontal
      ? `${Math.max(8, chart.labels.length * 2.2 + 2)}rem`
      : "14rem";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: [{ data: chart.counts, backgroundColor: "#0b6e69", borderRadius: 4 }],
      },
      options: {
        indexAxis: chart.horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          y: { beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
  }
});
