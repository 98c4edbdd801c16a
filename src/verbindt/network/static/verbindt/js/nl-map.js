// A Leaflet map on Verbindt's own outline of the Netherlands (no tile server), shared by the
// registry map and the monitor's map: Verbindt.nlMap(element) → the map, outline loading.
(function () {
  "use strict";
  window.Verbindt = window.Verbindt || {};
  window.Verbindt.nlMap = function (element) {
    var map = L.map(element, { preferCanvas: true, zoomSnap: 0.25, minZoom: 6, maxZoom: 14 });
    map.setView([52.2, 5.4], 7);
    map.attributionControl.setPrefix("Leaflet");
    fetch(element.dataset.outline)
      .then(function (response) { return response.json(); })
      .then(function (outline) {
        var land = L.layerGroup(outline.runs.map(function (run) {
          return L.rectangle(
            [[run[0] * outline.lat_step, run[1] * outline.lon_step],
             [(run[0] + 1) * outline.lat_step, (run[2] + 1) * outline.lon_step]],
            { stroke: false, fillColor: "#fbfbf6", fillOpacity: 1, interactive: false }
          );
        })).addTo(map);
        land.eachLayer(function (layer) { layer.bringToBack(); });
        map.attributionControl.addAttribution(outline.attribution);
      });
    return map;
  };
})();
