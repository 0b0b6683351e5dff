// Incident list: a Leaflet map of the filtered incidents over an offline base
// layer (country borders from world-atlas, drawn with topojson-client; no
// tiles). Popups are built from DOM nodes with textContent only.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var dataEl = document.getElementById("map-data");
  if (!el || !dataEl || typeof L === "undefined") return;
  var points = JSON.parse(dataEl.textContent);
  var map = L.map(el, {worldCopyJump: true, attributionControl: true, zoomSnap: 0.25});
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth / world-atlas");
  map.setView([15, 10], 2);

  fetch("/static/vendor/world-atlas/countries-110m.json")
    .then(function (r) { return r.json(); })
    .then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      L.geoJSON(land, {style: {color: "#8a8f98", weight: 0.7, fillColor: "#eef0ea", fillOpacity: 1}, interactive: false})
        .addTo(map).bringToBack();
      el.setAttribute("data-borders", "loaded");
    })
    .catch(function () { el.setAttribute("data-borders", "failed"); });

  var maxKilled = points.reduce(function (m, p) { return Math.max(m, p.killed || 0); }, 1);
  var bounds = [];
  points.forEach(function (p) {
    var radius = 4 + 18 * Math.sqrt((p.killed || 0) / maxKilled);
    var marker = L.circleMarker([p.lat, p.lon], {radius: radius, color: "#9b1c1c", weight: 1,
                                                 fillColor: "#d64545", fillOpacity: 0.55, className: "incident-marker"});
    var box = document.createElement("div");
    var a = document.createElement("a");
    a.href = "/incidents/" + encodeURIComponent(p.id);
    a.textContent = p.title;
    a.className = "popup-link";
    box.appendChild(a);
    var meta = document.createElement("div");
    meta.textContent = [p.date, p.place, p.country].filter(Boolean).join(" · ") + " — " + (p.killed || 0) + " killed";
    box.appendChild(meta);
    marker.bindPopup(box);
    marker.addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, {padding: [30, 30], maxZoom: 6});
  el.setAttribute("data-markers", String(points.length));
})();
