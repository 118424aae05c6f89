// crosswire dashboard: a single page over the JSON API. No build step, no framework.
// Article text is hostile: data only ever reaches the page through textContent / attributes,
// never through innerHTML.
"use strict";

const state = { meta: null, map: null, outlines: null, eventsLayer: null, colors: {}, typeColors: {} };

const PALETTE = ["#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
  "#bcbd22", "#7f7f7f", "#393b79", "#637939"];
const PRECISION = {
  1: { label: "1: the place itself", fillOpacity: 0.85, dashArray: null, weight: 1.5 },
  2: { label: "2: near the place / part of a region", fillOpacity: 0.45, dashArray: "4 3", weight: 2 },
  3: { label: "3: governorate only", fillOpacity: 0.12, dashArray: "2 4", weight: 2.5 },
};

// --- small DOM helpers ---------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = String(v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function $(sel) {
  return document.querySelector(sel);
}

function link(href, text) {
  return el("a", { href, "data-nav": "" }, text);
}

function fmt(v) {
  return v === null || v === undefined || v === "" ? "–" : String(v);
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = body.error || {};
    throw new Error(`[${err.code || res.status}] ${err.message || res.statusText}`);
  }
  return body;
}

function showError(err) {
  const box = $("#error");
  box.textContent = err ? String(err.message || err) : "";
  box.hidden = !err;
}

function setTwin(href) {
  $("#json-twin").setAttribute("href", href);
}

function colorFor(map, key) {
  if (!(key in map)) map[key] = PALETTE[Object.keys(map).length % PALETTE.length];
  return map[key];
}

function campBadge(camp) {
  return el("span", { class: "camp camp-" + String(camp || "unknown").replace(/[^a-z0-9-]/gi, "") }, camp || "camp unknown");
}

// --- routing ----------------------------------------------------------------------------------

const ROUTES = [
  [/^\/$/, showDashboard],
  [/^\/events\/([^/]+)$/, showEvent],
  [/^\/stories\/([^/]+)$/, showStory],
  [/^\/outlets$/, showOutlets],
  [/^\/outlets\/([^/]+)$/, showOutlet],
  [/^\/search$/, showSearch],
  [/^\/ingest$/, showIngest],
];

function show(id) {
  for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== id;
}

async function route() {
  showError(null);
  const path = location.pathname;
  for (const [re, fn] of ROUTES) {
    const m = path.match(re);
    if (m) {
      try {
        await fn(...m.slice(1).map(decodeURIComponent));
      } catch (err) {
        showError(err);
      }
      document.body.dataset.ready = path;
      return;
    }
  }
  showError("no such page");
}

function navigate(href) {
  history.pushState(null, "", href);
  route();
}

document.addEventListener("click", (ev) => {
  const a = ev.target.closest ? ev.target.closest("a[data-nav]") : null;
  if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
  ev.preventDefault();
  navigate(a.getAttribute("href"));
});
window.addEventListener("popstate", route);

// --- dashboard: filters, map, timeline, table -----------------------------------------------

const FILTERS = ["start", "end", "governorate", "actor", "event_type", "outlet", "camp"];

function filterParams() {
  const form = $("#filters");
  const p = new URLSearchParams();
  for (const name of FILTERS) {
    const v = form.elements[name].value;
    if (v) p.set(name, v);
  }
  return p;
}

function fillSelect(select, values) {
  const current = select.value;
  clear(select).append(el("option", { value: "" }, "all"));
  for (const v of values) select.append(el("option", { value: v }, v));
  select.value = values.includes(current) ? current : "";
}

function initFilters() {
  const form = $("#filters");
  const f = state.meta.facets;
  fillSelect(form.elements.governorate, f.governorates);
  fillSelect(form.elements.actor, f.actors);
  fillSelect(form.elements.event_type, f.event_types);
  fillSelect(form.elements.outlet, f.outlets);
  fillSelect(form.elements.camp, f.camps);
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) if (params.has(name)) form.elements[name].value = params.get(name);
  if (!form.dataset.bound) {
    form.dataset.bound = "1";
    form.addEventListener("change", () => refreshDashboard(true));
    form.addEventListener("reset", () => setTimeout(() => refreshDashboard(true), 0));
  }
}

function normName(s) {
  // a consonant skeleton, so "Idleb"/"Idlib" and "Deir-ez-Zor"/"Dayr az-Zawr" meet
  return String(s || "").toLowerCase().replace(/governorate/g, "").replace(/[^a-z]/g, "")
    .replace(/^(al|ar|as|ad|el|ash|an)(?=[a-z]{3})/, "").replace(/[aeiouy]/g, "").replace(/(.)\1+/g, "$1");
}

function initMap() {
  if (state.map) return;
  const map = L.map("map", { zoomSnap: 0.25, attributionControl: true }).setView([35.0, 38.5], 6.5);
  state.map = map;
  if (state.meta.tile_url) {
    // Leaflet writes attributions as HTML: pass the configured URL through a text node first
    const safe = document.createElement("span");
    safe.textContent = "tiles: " + new URL(state.meta.tile_url.replace(/[{}]/g, ""), location.href).host;
    L.tileLayer(state.meta.tile_url, { maxZoom: 18, attribution: safe.innerHTML }).addTo(map);
  }
  map.attributionControl.addAttribution("outlines: Natural Earth; Open-Syria (CC BY 4.0)");
  fetch("/outlines.geojson").then((r) => r.json()).then((gj) => {
    state.outlines = L.geoJSON(gj, {
      style: (f) => outlineStyle(f, ""),
      onEachFeature: (f, layer) => {
        if (f.properties.kind === "governorate") layer.bindTooltip(el("span", { text: f.properties.name }), { sticky: true });
      },
    }).addTo(map);
    state.outlines.bringToBack();
    highlightGovernorate($("#filters").elements.governorate.value);
  });
  state.eventsLayer = L.featureGroup().addTo(map);
}

function outlineStyle(f, selected) {
  const p = f.properties;
  if (p.kind === "neighbour") return { color: "#bbb", weight: 1, fillColor: "#eee", fillOpacity: 0.6 };
  if (p.kind === "country") return { color: "#333", weight: 2, fill: false };
  const names = [p.name, ...(p.aliases || [])].map(normName);
  const on = selected && names.includes(normName(selected));
  return { color: on ? "#b35900" : "#777", weight: on ? 3 : 1, fillColor: on ? "#ffd699" : "#fbfaf5",
    fillOpacity: on ? 0.55 : 0.9, className: on ? "gov selected-gov" : "gov" };
}

function highlightGovernorate(name) {
  if (!state.outlines) return;
  state.outlines.eachLayer((layer) => {
    layer.setStyle(outlineStyle(layer.feature, name));
    const path = layer.getElement && layer.getElement();
    if (path && layer.feature.properties.kind === "governorate") {
      const names = [layer.feature.properties.name, ...(layer.feature.properties.aliases || [])].map(normName);
      path.classList.toggle("selected-gov", Boolean(name) && names.includes(normName(name)));
    }
  });
}

function drawEvents(geojson) {
  const layer = state.eventsLayer;
  layer.clearLayers();
  for (const f of geojson.features) {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    const prec = PRECISION[p.geo_precision] || PRECISION[3];
    const color = colorFor(state.colors, p.sub_event_type || "unknown");
    const marker = L.circleMarker([lat, lon], {
      radius: 5 + 3 * Math.sqrt(Math.max(0, p.fatalities || 0)),
      color, fillColor: color, fillOpacity: prec.fillOpacity, weight: prec.weight, dashArray: prec.dashArray,
      className: `cw-event precision-${p.geo_precision || 3}`,
    });
    const tip = el("div", { class: "tip" },
      el("strong", { text: p.sub_event_type || "event" }), el("br"),
      `${fmt(p.location)}, ${fmt(p.admin1)} · ${fmt(p.event_date)}`, el("br"),
      `fatalities: ${fmt(p.fatalities)} · ${fmt(p.outlet)} (${fmt(p.camp)})`);
    marker.bindTooltip(tip);
    marker.on("click", () => navigate(`/events/${encodeURIComponent(p.event_id)}`));
    marker.addTo(layer);
    const path = marker.getElement();
    if (path) path.setAttribute("data-event-id", p.event_id);
  }
  if (geojson.features.length) {
    state.map.fitBounds(layer.getBounds().pad(0.4), { maxZoom: 9 });
  }
  drawLegend();
}

function drawLegend() {
  const box = clear($("#legend"));
  box.append(el("strong", {}, "Sub-event type"));
  for (const [name, color] of Object.entries(state.colors)) {
    box.append(el("div", {}, el("span", { class: "swatch", "data-color": color }), name));
  }
  box.append(el("strong", {}, "Geo-precision"));
  for (const [k, p] of Object.entries(PRECISION)) {
    box.append(el("div", {}, el("span", { class: `ring ring-${k}` }), p.label));
  }
  box.append(el("div", { class: "small" }, "circle size: fatalities"));
  for (const s of box.querySelectorAll(".swatch")) s.style.background = s.dataset.color;
}

function drawTimeline(data) {
  const box = clear($("#timeline"));
  $("#timeline-bucket").textContent = data.bucket;
  const periods = [...new Set(data.items.map((r) => r.period))].sort();
  if (!periods.length) {
    box.append(el("p", { class: "meta" }, "no dated events"));
    return;
  }
  const types = [...new Set(data.items.map((r) => r.event_type || "unknown"))].sort();
  const multiYear = new Set(periods.map((p) => String(p).slice(0, 4))).size > 1;
  const totals = periods.map((p) => data.items.filter((r) => r.period === p).reduce((a, r) => a + r.n, 0));
  const max = Math.max(...totals);
  const W = 360, H = 150, pad = 22, bw = Math.max(2, Math.min(40, (W - pad) / periods.length - 2));
  const g = svg("svg", { viewBox: `0 0 ${W} ${H + 30}`, width: "100%", role: "img", "aria-label": "events per period" });
  periods.forEach((period, i) => {
    let y = H;
    const x = pad + i * ((W - pad) / periods.length);
    for (const t of types) {
      const row = data.items.find((r) => r.period === period && (r.event_type || "unknown") === t);
      if (!row) continue;
      const h = (row.n / max) * (H - 10);
      y -= h;
      const rect = svg("rect", { x, y, width: bw, height: h, fill: colorFor(state.typeColors, t), class: "bar" });
      const title = svg("title", {});
      title.textContent = `${period}: ${row.n} × ${t}, ${row.fatalities} fatalities`;
      rect.append(title);
      rect.addEventListener("click", () => selectPeriod(period, data.bucket));
      g.append(rect);
    }
    if (periods.length <= 12 || i % Math.ceil(periods.length / 8) === 0) {
      const label = svg("text", { x: x + bw / 2, y: H + 14, "text-anchor": "middle", class: "tick" });
      label.textContent = multiYear ? String(period).slice(0, 7) : String(period).slice(5);
      g.append(label);
    }
  });
  const maxLabel = svg("text", { x: 0, y: 12, class: "tick" });
  maxLabel.textContent = String(max);
  g.append(maxLabel);
  box.append(g);
  const legend = clear($("#timeline-legend"));
  for (const t of types) {
    const sw = el("span", { class: "swatch" });
    sw.style.background = colorFor(state.typeColors, t);
    legend.append(el("span", { class: "item" }, sw, t));
  }
}

function selectPeriod(period, bucket) {
  const form = $("#filters");
  const start = new Date(period + "T00:00:00Z");
  const end = new Date(start.getTime() + (bucket === "week" ? 6 : 0) * 86400000);
  form.elements.start.value = start.toISOString().slice(0, 10);
  form.elements.end.value = end.toISOString().slice(0, 10);
  refreshDashboard(true);
}

function drawTable(page) {
  $("#events-total").textContent = `(${page.total}${page.total > page.items.length ? ", first " + page.items.length : ""})`;
  const body = clear($("#events-table tbody"));
  for (const e of page.items) {
    body.append(el("tr", { "data-event-id": e.event_id },
      el("td", {}, fmt(e.event_date)),
      el("td", {}, link(`/events/${encodeURIComponent(e.event_id)}`, fmt(e.sub_event_type))),
      el("td", {}, fmt(e.location)),
      el("td", {}, fmt(e.admin1)),
      el("td", {}, fmt(e.actor1)),
      el("td", {}, fmt(e.actor2)),
      el("td", { class: "num" }, fmt(e.fatalities)),
      el("td", {}, e.outlet ? link(`/outlets/${encodeURIComponent(e.outlet)}`, e.outlet) : "–"),
      el("td", {}, fmt(e.camp)),
      el("td", { class: "mono" }, e.cluster_id ? String(e.cluster_id).slice(0, 10) : "–")));
  }
}

async function refreshDashboard(pushUrl) {
  const p = filterParams();
  const qs = p.toString();
  if (pushUrl) history.replaceState(null, "", "/" + (qs ? "?" + qs : ""));
  setTwin("/api/events" + (qs ? "?" + qs : ""));
  highlightGovernorate(p.get("governorate") || "");
  const days = (() => {
    const [lo, hi] = [p.get("start") || state.meta.date_range[0], p.get("end") || state.meta.date_range[1]];
    return lo && hi ? (new Date(hi) - new Date(lo)) / 86400000 : 0;
  })();
  const bucket = days > 120 ? "week" : "day";
  const sep = qs ? "&" : "";
  try {
    const [geo, timeline, page] = await Promise.all([
      api("/api/events.geojson?" + qs),
      api(`/api/timeline?${qs}${sep}bucket=${bucket}`),
      api(`/api/events?${qs}${sep}limit=500`),
    ]);
    drawEvents(geo);
    drawTimeline(timeline);
    drawTable(page);
    document.body.dataset.events = String(geo.features.length);
  } catch (err) {
    showError(err);
  }
}

async function showDashboard() {
  show("view-dashboard");
  initFilters();
  initMap();
  state.map.invalidateSize();
  await refreshDashboard(false);
}

// --- event page: every report of one real event side by side ---------------------------------

function markInto(box, segments) {
  for (const seg of segments) {
    if (seg.labels && seg.labels.length) {
      const kind = (seg.kinds || []).includes("event") ? "ev" : "cl";
      box.append(el("mark", { title: seg.labels.join("; "), class: kind }, seg.text));
    }
    else box.append(document.createTextNode(seg.text));
  }
  return box;
}

function markedText(segments) {
  return markInto(el("div", { class: "article" }), segments);
}

function figureList(report) {
  const list = el("ul", { class: "figures" });
  for (const fc of report.fatality_claims) {
    list.append(el("li", { class: "figure" },
      el("strong", { class: "figure-value" }, `${fc.qualifier ? fc.qualifier + " " : ""}${fc.best} ${fc.kind}`),
      fc.victims ? ` (${fc.victims})` : "",
      " — source: ", el("span", { class: "figure-source" }, fc.source || "unattributed"),
      fc.evidence ? el("q", {}, fc.evidence.text) : null));
  }
  if (!report.fatality_claims.length) {
    for (const e of report.events) list.append(el("li", { class: "figure" }, `fatalities: ${fmt(e.fatalities)} (no attributed figure)`));
  }
  return list;
}

function eventSummary(e) {
  const r = e.record || {};
  const place = r.place || {};
  return el("dl", { class: "facts" },
    el("dt", {}, "Event"), el("dd", {}, `${fmt(e.event_type)} / ${fmt(e.sub_event_type)}`),
    el("dt", {}, "Actors"), el("dd", {}, `${fmt(e.actor1)} → ${fmt(e.actor2)}`),
    el("dt", {}, "Place"), el("dd", {}, `${fmt(e.location)}, ${fmt(e.admin1)} (geo-precision ${fmt(e.geo_precision)})`),
    el("dt", {}, "Date"), el("dd", {}, `${fmt(e.event_date)} (time precision ${fmt(e.time_precision)})`),
    el("dt", {}, "Wording"), el("dd", {}, place.mention ? `“${r.trigger || ""}” at “${place.mention}”` : fmt(r.trigger)));
}

function contradictionBox(list) {
  const box = el("div", { class: "contradictions" });
  if (!list.length) {
    box.append(el("p", { class: "meta" }, "No contradictions between these reports."));
    return box;
  }
  for (const c of list) {
    const values = el("ul", {});
    for (const v of c.values || []) {
      values.append(el("li", {}, el("strong", {}, fmt(v.value)), " — ", fmt(v.source), v.outlet ? ` (via ${v.outlet})` : ""));
    }
    box.append(el("div", { class: "contradiction" }, el("h3", {}, `Contradiction: ${c.kind}`), values));
  }
  return box;
}

async function showEvent(id) {
  show("view-event");
  setTwin(`/api/events/${encodeURIComponent(id)}`);
  const data = await api(`/api/events/${encodeURIComponent(id)}`);
  const e = data.event;
  $("#event-title").textContent = `${fmt(e.sub_event_type)} in ${fmt(e.location)}`;
  $("#event-meta").textContent = `${fmt(e.event_date)} · ${fmt(e.admin1)} · ${data.reports.length} report(s)` +
    (data.cluster_id ? ` · cluster ${data.cluster_id}` : " · not linked to other reports");
  clear($("#contradictions")).append(contradictionBox(data.contradictions));
  const reports = clear($("#reports"));
  for (const r of data.reports) {
    const s = r.story;
    const card = el("article", { class: "report", "data-story-id": s.story_id },
      el("header", {},
        el("h3", {}, s.outlet ? link(`/outlets/${encodeURIComponent(s.outlet)}`, s.outlet) : "unknown outlet", " ", campBadge(s.camp)),
        el("p", { class: "title" }, link(`/stories/${encodeURIComponent(s.story_id)}`, s.title || "(untitled)")),
        el("p", { class: "meta" }, `published ${fmt(s.published)}`, s.credibility_score !== null ? ` · credibility ${Number(s.credibility_score).toFixed(2)}` : "")),
      el("h4", {}, "Figures"), figureList(r));
    for (const ev of r.events) card.append(eventSummary(ev));
    if (r.claims.length) card.append(el("h4", {}, "Claims in the same sentences"), claimList(r.claims));
    const others = r.other_claims || [];
    if (others.length) {
      card.append(el("details", {}, el("summary", {}, `${others.length} other claim(s) in this story`), claimList(others)));
    }
    card.append(el("h4", {}, "Article (event evidence highlighted, claims underlined)"), markedText(r.segments));
    reports.append(card);
  }
  for (const box of reports.querySelectorAll(".article")) scrollToFirstMark(box);
}

function claimList(claims) {
  const list = el("ul", { class: "claims" });
  for (const c of claims) {
    const rec = c.record || {};
    // every actor it is about (all the accused), and whether its evidence is in the title
    const about = (rec.about_actors || []).map((a) => a.name);
    if (!about.length && c.about_actor) about.push(c.about_actor);
    const inTitle = rec.evidence && rec.evidence.part === "title";
    list.append(el("li", {}, `${fmt(c.speaker)} ${fmt(c.reporting_verb)}: `, el("q", {}, c.content), ` [${c.claim_type}]`,
      about.length ? ` about ${about.join(", ")}` : "", inTitle ? " (in the title)" : ""));
  }
  return list;
}

function scrollToFirstMark(box) {
  const first = box.querySelector("mark.ev") || box.querySelector("mark");
  if (first) box.scrollTop = Math.max(0, first.offsetTop - 60); // .article is the offsetParent
}

async function showStory(id) {
  show("view-story");
  setTwin(`/api/stories/${encodeURIComponent(id)}`);
  const s = await api(`/api/stories/${encodeURIComponent(id)}`);
  const heading = clear($("#story-title"));
  if (s.title && s.title_segments) markInto(heading, s.title_segments); // a title's claims marked
  else heading.textContent = s.title || "(untitled)";
  clear($("#story-meta")).append(s.outlet ? link(`/outlets/${encodeURIComponent(s.outlet)}`, s.outlet) : "unknown outlet", " ",
    campBadge(s.camp), ` · published ${fmt(s.published)}`, s.url ? " · " : "", s.url ? el("span", { class: "mono" }, s.url) : "");
  const evs = clear($("#story-events"));
  for (const eid of s.event_ids) evs.append(el("span", { class: "chip" }, link(`/events/${encodeURIComponent(eid)}`, "event " + eid.slice(0, 10))));
  const article = markedText(s.segments);
  clear($("#story-text")).append(article);
  scrollToFirstMark(article);
}

// --- outlets --------------------------------------------------------------------------------

function pct(n, d) {
  return d ? ` (${Math.round((100 * n) / d)}%)` : "";
}

async function showOutlets() {
  show("view-outlets");
  setTwin("/api/outlets");
  const data = await api("/api/outlets");
  const body = clear($("#outlets-table tbody"));
  for (const o of data.items) {
    body.append(el("tr", {},
      el("td", {}, o.outlet ? link(`/outlets/${encodeURIComponent(o.outlet)}`, o.outlet) : "(unknown)"),
      el("td", {}, campBadge(o.camp)),
      el("td", { class: "num" }, o.n_stories),
      el("td", { class: "num" }, o.n_events),
      el("td", { class: "num" }, `${o.n_corroborated}${pct(o.n_corroborated, o.n_events)}`),
      el("td", { class: "num" }, `${o.n_cross_camp}${pct(o.n_cross_camp, o.n_events)}`),
      el("td", { class: "num" }, `${o.n_contradicted}${pct(o.n_contradicted, o.n_events)}`),
      el("td", { class: "num" }, o.mean_credibility === null ? "–" : Number(o.mean_credibility).toFixed(2))));
  }
}

async function showOutlet(name) {
  show("view-outlet");
  setTwin(`/api/outlets/${encodeURIComponent(name)}`);
  const o = await api(`/api/outlets/${encodeURIComponent(name)}`);
  $("#outlet-title").textContent = o.outlet;
  clear($("#outlet-meta")).append(campBadge(o.camp),
    ` · ${o.n_stories} stories · ${o.n_events} events · corroborated ${o.n_corroborated}${pct(o.n_corroborated, o.n_events)}` +
    ` (across camps ${o.n_cross_camp})` +
    ` · contradicted ${o.n_contradicted}${pct(o.n_contradicted, o.n_events)}`);
  const fb = clear($("#framing-table tbody"));
  for (const f of o.framing) {
    const ex = (f.examples || [])[0];
    const example = ex ? el("span", {}, link(`/stories/${encodeURIComponent(ex.story_id)}`, "“"), ex.sentence, "”") : "–";
    fb.append(el("tr", { class: f.loaded ? "loaded" : "" },
      el("td", {}, fmt(f.actor)), el("td", {}, f.term), el("td", {}, f.loaded ? "loaded" : "neutral"),
      el("td", { class: "num" }, f.count), el("td", { class: "example" }, example)));
  }
  if (!o.framing.length) fb.append(el("tr", {}, el("td", { colspan: 5, class: "meta" }, "no framing-lexicon terms in its stories")));
  const ab = clear($("#outlet-actors tbody"));
  for (const a of o.actors) ab.append(el("tr", {}, el("td", {}, a.actor), el("td", { class: "num" }, a.n)));
  const sl = clear($("#outlet-stories"));
  for (const s of o.stories) sl.append(el("li", {}, `${fmt(s.published)} `, link(`/stories/${encodeURIComponent(s.story_id)}`, s.title || s.story_id)));
}

// --- search ---------------------------------------------------------------------------------

async function showSearch() {
  show("view-search");
  const form = $("#search-form");
  const q = new URLSearchParams(location.search).get("q") || "";
  form.elements.q.value = q;
  if (!form.dataset.bound) {
    form.dataset.bound = "1";
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      navigate("/search?q=" + encodeURIComponent(form.elements.q.value));
    });
  }
  const list = clear($("#search-results"));
  $("#search-total").textContent = "";
  setTwin("/api/search" + (q ? "?q=" + encodeURIComponent(q) : ""));
  if (!q) return;
  const data = await api("/api/search?q=" + encodeURIComponent(q) + "&limit=50");
  $("#search-total").textContent = `${data.total} stor${data.total === 1 ? "y" : "ies"} match`;
  for (const r of data.items) {
    list.append(el("li", { class: "result" },
      link(`/stories/${encodeURIComponent(r.story_id)}`, r.title || r.story_id),
      el("span", { class: "meta" }, ` ${fmt(r.outlet)} · ${fmt(r.published)} · score ${Number(r.score).toFixed(2)}`),
      el("p", { class: "snippet" }, r.snippet)));
  }
}

// --- ingest ---------------------------------------------------------------------------------

function uploadOne(file, token, row) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const bar = row.querySelector("progress");
    const status = row.querySelector(".status");
    const stories = row.querySelector(".stories");
    const message = row.querySelector(".message");
    xhr.open("POST", "/api/ingest");
    xhr.setRequestHeader("X-Crosswire-Token", token);
    xhr.upload.addEventListener("progress", (ev) => {
      if (ev.lengthComputable) bar.value = ev.loaded / ev.total;
    });
    xhr.addEventListener("load", () => {
      bar.value = 1;
      let body = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch (e) {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.results && body.results.length) {
        const r = body.results[0];
        status.textContent = r.status + (r.error_code ? ` (${r.error_code})` : "");
        stories.textContent = fmt(r.n_stories);
        message.textContent = r.message || "";
        row.dataset.status = r.status;
      } else {
        const err = body.error || {};
        status.textContent = `error (${err.code || xhr.status})`;
        message.textContent = err.message || xhr.statusText;
        row.dataset.status = "error";
      }
      resolve();
    });
    xhr.addEventListener("error", () => {
      status.textContent = "network error";
      row.dataset.status = "error";
      resolve();
    });
    const data = new FormData();
    data.append("files", file, file.name);
    status.textContent = "uploading…";
    xhr.send(data);
  });
}

async function ingestFiles(files) {
  const form = $("#ingest-form");
  const token = form.elements.token.value;
  sessionStorage.setItem("crosswire-token", token);
  const body = $("#ingest-results tbody");
  const rows = [...files].map((file) => {
    const row = el("tr", { "data-file": file.name },
      el("td", {}, file.name), el("td", {}, el("progress", { max: 1, value: 0 })),
      el("td", { class: "status" }, "waiting"), el("td", { class: "stories num" }), el("td", { class: "message" }));
    body.append(row);
    return [file, row];
  });
  for (const [file, row] of rows) await uploadOne(file, token, row); // one at a time: one writer
  state.meta = await api("/api/meta");
  showCounts();
}

async function showIngest() {
  show("view-ingest");
  setTwin("/api/meta");
  const enabled = Boolean(state.meta.write_enabled);
  $("#ingest-disabled").hidden = enabled;
  const form = $("#ingest-form");
  for (const input of form.querySelectorAll("input")) input.disabled = !enabled;
  const zone = $("#dropzone");
  zone.classList.toggle("disabled", !enabled);
  form.elements.token.value = sessionStorage.getItem("crosswire-token") || "";
  if (form.dataset.bound) return;
  form.dataset.bound = "1";
  form.elements.files.addEventListener("change", () => {
    if (form.elements.files.files.length) ingestFiles(form.elements.files.files).then(() => (form.elements.files.value = ""));
  });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  zone.addEventListener("dragover", (ev) => {
    ev.preventDefault();
    if (state.meta.write_enabled) zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (ev) => {
    ev.preventDefault();
    zone.classList.remove("over");
    if (state.meta.write_enabled && ev.dataTransfer.files.length) ingestFiles(ev.dataTransfer.files);
  });
}

// --- start --------------------------------------------------------------------------------

function showCounts() {
  const c = state.meta.counts;
  $("#counts").textContent = `${c.stories} stories · ${c.events} events · ${c.contradictions} contradictions`;
}

async function start() {
  try {
    state.meta = await api("/api/meta");
    showCounts();
  } catch (err) {
    showError(err);
    return;
  }
  await route();
}

start();
