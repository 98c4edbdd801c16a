// The monitor's charts and map. The page passes its figures as JSON (json_script); every
// chart has a table with the same figures next to it, and a bar or point that stands for a
// list links to it (the same address as the number in the table).
(function () {
  "use strict";
  // Dark enough for 3:1 against white (WCAG non-text contrast); line charts also differ in
  // point shape and dash, so no series rests on colour alone.
  var COLOURS = {
    "level-none": "#6b7778",
    "level-incidental": "#b85c12",
    "level-structural": "#1d4f86",
    "level-learning_line": "#1f6a35",
    "series-0": "#0b6e69",
    "series-1": "#b85c12",
    "series-2": "#6a3d9a"
  };
  var SHAPES = ["circle", "rect", "triangle", "rectRot"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

  function chart(canvas, spec) {
    var horizontal = !!spec.horizontal;
    var datasets = spec.datasets.map(function (set, index) {
      var colour = COLOURS[set.colour] || "#4d5b5c";
      var dataset = { label: set.label, data: set.data, backgroundColor: colour, borderColor: colour, links: set.links };
      if (set.axis === "right") dataset.yAxisID = "y1";
      if (spec.type === "line") {
        dataset.pointStyle = SHAPES[index % SHAPES.length];
        dataset.pointRadius = 4;
        dataset.borderDash = DASHES[index % DASHES.length];
        dataset.borderWidth = 2;
        dataset.fill = false;
      }
      return dataset;
    });
    var valueAxis = {
      beginAtZero: true,
      stacked: !!spec.stacked,
      ticks: { precision: 0, callback: spec.percent ? function (value) { return value + "%"; } : undefined }
    };
    var labelAxis = { stacked: !!spec.stacked, ticks: { autoSkip: false } };
    var scales = horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis };
    if (spec.datasets.some(function (set) { return set.axis === "right"; })) {
      scales.y1 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 } };
    }
    var hasLinks = spec.datasets.some(function (set) { return set.links; });
    return new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: scales,
        plugins: {
          legend: { display: datasets.length > 1, position: "bottom", labels: { usePointStyle: spec.type === "line" } }
        },
        onHover: function (event, elements) {
          var linked = hasLinks && elements.length && datasets[elements[0].datasetIndex].links;
          event.native.target.style.cursor = linked ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          if (!elements.length) return;
          var links = datasets[elements[0].datasetIndex].links;
          if (links && links[elements[0].index]) window.location.href = links[elements[0].index];
        }
      }
    });
  }

  var source = document.getElementById("monitor-charts");
  if (source && typeof Chart !== "undefined") {
    Chart.defaults.color = "#1c2526";
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    var specs = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = specs[canvas.dataset.chart];
      if (spec) chart(canvas, spec);
    });
  }

  // The map: one dot per school, coloured by level (larger for a higher level), with the
  // level in words in its popup.
  var element = document.getElementById("level-map");
  var points = document.getElementById("map-points");
  if (element && points && typeof L !== "undefined" && window.Verbindt) {
    var map = window.Verbindt.nlMap(element);
    var radius = { none: 5, incidental: 6, structural: 7, learning_line: 8 };
    var order = { none: 0, incidental: 1, structural: 2, learning_line: 3 };
    var rows = JSON.parse(points.textContent);
    rows.sort(function (a, b) { return order[a.level] - order[b.level]; });
    var dots = rows.map(function (point) {
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = element.dataset.detailUrl.replace("999999999", String(point.id));
      link.textContent = point.name;
      var about = document.createElement("div");
      about.textContent = point.level_label;
      popup.appendChild(link);
      popup.appendChild(about);
      return L.circleMarker([point.lat, point.lon], {
        radius: radius[point.level] || 5, weight: 1, color: "#ffffff",
        fillColor: COLOURS["level-" + point.level] || "#6b7778", fillOpacity: 0.95
      }).bindPopup(popup);
    });
    var group = L.featureGroup(dots).addTo(map);
    // Not closer than a province: the outline is coarse.
    if (dots.length) map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 9 });
  }
})();
