// The registry map: Verbindt's own outline of the Netherlands (no tile server) and one dot
// per organisation, coloured by kind, with a popup that links to the organisation.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined" || !window.Verbindt) return;
  var points = JSON.parse(document.getElementById("map-points").textContent);
  var colours = { vmbo_location: "#0b6e69", mbo_college: "#b85c12", institution: "#6a3d9a", other: "#4d5b5c" };
  var map = window.Verbindt.nlMap(element);

  // Schools last, so that they are drawn on top where organisations share a place.
  var order = { institution: 0, other: 1, mbo_college: 2, vmbo_location: 3 };
  points.sort(function (a, b) { return order[a.kind] - order[b.kind]; });
  var dots = points.map(function (point) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = element.dataset.detailUrl.replace("999999999", String(point.id));
    link.textContent = point.name;
    var about = document.createElement("div");
    about.textContent = point.kind_label + (point.place ? " · " + point.place : "");
    popup.appendChild(link);
    popup.appendChild(about);
    return L.circleMarker([point.lat, point.lon], {
      radius: 6, weight: 1, color: "#ffffff", fillColor: colours[point.kind] || "#4d5b5c", fillOpacity: 0.9
    }).bindPopup(popup);
  });
  var group = L.featureGroup(dots).addTo(map);
  if (dots.length) map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 11 });
})();
