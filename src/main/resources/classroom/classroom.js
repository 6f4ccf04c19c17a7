// The student's page: join, choose a lesson, predict, then run one's own tumour on the server
// and watch it here (lattice, legend, charts, events), giving the lesson's drugs while it runs.
// Every text from the server or another person is set as text, never as HTML.
"use strict";

const $ = id => document.getElementById(id);
let lessons = [];
let lesson = null;     // the lesson being run
let tumour = null;     // {id, seed}
let stream = null;     // the EventSource of frames
let legend = new Map(); // index -> {mechanism, label, colour}
let data = null;       // what the charts show, rebuilt when a stream (re)opens
let charts = {};
let drugsShown = null;  // the drugs the boxes were last set to, as "a+b"

async function api(method, path, body) {
  const r = await fetch(path, {
    method, credentials: "same-origin",
    headers: body === undefined ? {} : {"Content-Type": "application/json"},
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await r.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = {error: text.split("\n")[0]}; }
  if (!r.ok) throw new Error(json.error || ("the server answered " + r.status));
  return json;
}

function show(section) {
  for (const s of ["join", "pick", "lesson"]) $(s).hidden = s !== section;
}

function list(el, items, tag = "li") {
  el.replaceChildren(...items.map(t => { const li = document.createElement(tag); li.textContent = t; return li; }));
}

async function join() {
  $("join-error").textContent = "";
  try {
    const r = await api("POST", "/api/join", {name: $("name").value, code: $("code").value});
    $("who").textContent = r.name;
    await loadLessons();
    show("pick");
  } catch (e) { $("join-error").textContent = e.message; }
}

async function loadLessons() {
  const r = await api("GET", "/api/lessons");
  lessons = r.lessons;
  $("pace").replaceChildren(...r.paces.map(p => {
    const o = document.createElement("option");
    o.value = p; o.textContent = p + (p === 1 ? " day" : " days") + " per second";
    if (p === r.defaultPace) o.selected = true;
    return o;
  }));
  $("lessons").replaceChildren(...lessons.map(l => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.textContent = l.title;
    b.dataset.lesson = l.id;
    b.addEventListener("click", () => start(l));
    li.append(b);
    return li;
  }));
}

async function start(l, classTumour = $("class-tumour").checked) {
  $("pick-error").textContent = "";
  try {
    const t = await api("POST", "/api/tumours", {lesson: l.id, classTumour});
    openTumour(l, t, "", "ready");
  } catch (e) {
    $("pick-error").textContent = e.message;
    if (e.message.startsWith("join the class first")) show("join"); // freed after a long absence
  }
}

// shows a tumour's lesson (a new one, or the one the student had before the page was reloaded)
function openTumour(l, t, prediction, status) {
  lesson = l;
  tumour = t;
  setUpLesson();
  if (prediction) {
    $("prediction").value = prediction;
    predictionSaved(status);
  }
  show("lesson");
  listen();
}

// a page opened again finds its student and tumour through the cookie
async function resume() {
  let me;
  try { me = await api("GET", "/api/me"); } catch (e) { return; }
  $("who").textContent = me.name;
  await loadLessons();
  show("pick");
  const t = me.tumour;
  const l = t && lessons.find(x => x.id === t.lesson);
  if (l) openTumour(l, {id: t.id, seed: t.seed}, t.prediction, t.status);
}

function setUpLesson() {
  $("lesson-title").textContent = lesson.title;
  $("time-note").textContent = lesson.timeNote;
  $("time-note").hidden = !lesson.timeNote;
  list($("predict"), lesson.predict);
  list($("observe"), lesson.observe);
  list($("discuss"), lesson.discuss);
  $("observe-box").hidden = true;
  $("discuss-box").hidden = true;
  $("prediction").value = "";
  $("prediction").disabled = false;
  $("save-prediction").disabled = false;
  $("prediction-saved").textContent = "";
  $("run-error").textContent = "";
  $("events").replaceChildren();
  for (const id of ["play", "pause", "step", "give"]) $(id).disabled = true;
  $("controls").replaceChildren(...lesson.controls.map(c => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.value = c.drug; box.name = "drug";
    const b = document.createElement("b"); b.textContent = c.drug;
    label.append(box, " ", b, " " + c.dosing);
    const div = document.createElement("div"); div.append(label);
    return div;
  }));
  drugsShown = null;
  const canvas = $("lattice");
  canvas.width = lesson.width || 1;
  canvas.height = lesson.height || 1;
}

async function savePrediction() {
  try {
    await api("POST", `/api/tumours/${tumour.id}/prediction`, {text: $("prediction").value});
    predictionSaved("ready");
    $("run-error").textContent = "";
  } catch (e) { $("run-error").textContent = e.message; }
}

function predictionSaved(status) {
  $("prediction-saved").textContent = status === "ready" ? "saved; now press Play" : "";
  for (const id of ["play", "pause", "step", "give"]) $(id).disabled = status === "finished";
}

// once the tumour has run, the prediction stays as written (to compare with what happened)
function lockPrediction() {
  $("prediction").disabled = true;
  $("save-prediction").disabled = true;
  $("prediction-saved").textContent = "kept as written before the run";
}

async function command(action, body) {
  $("run-error").textContent = "";
  try {
    await api("POST", `/api/tumours/${tumour.id}/${action}`, body);
    if (action === "play") $("observe-box").hidden = false;
  } catch (e) { $("run-error").textContent = e.message; }
}

function giveDrugs() {
  const drugs = [...document.querySelectorAll("#controls input[name=drug]:checked")].map(b => b.value);
  command("drugs", {drugs});
}

// ---- the stream of frames ----

function listen() {
  if (stream) stream.close();
  stream = new EventSource(`/api/tumours/${tumour.id}/frames`);
  stream.addEventListener("open", () => { data = null; legend = new Map(); $("events").replaceChildren(); drugsShown = null; });
  stream.addEventListener("frame", e => draw(JSON.parse(e.data)));
  stream.addEventListener("refused", e => {
    stream.close();
    // replaced in another tab or window: follow the student's current tumour
    if (e.data.startsWith("no such tumour")) resume(); else $("run-error").textContent = e.data;
  });
}

function draw(f) {
  if (f.tumour !== tumour.id) return;
  if (f.legend) {
    legend = new Map(f.legend.map(l => [l.index, l]));
    drawLegend();
  }
  if (!data || (f.legend && charts.markersKey !== markersKey())) newCharts(f);
  for (const p of f.points) add(p);
  for (const e of f.events) {
    const li = document.createElement("li"); li.textContent = e;
    $("events").append(li);
    $("events").scrollTop = $("events").scrollHeight;
  }
  if (f.lattice) drawLattice(f.lattice);
  const o = f.outcome;
  $("status-line").textContent = `day ${f.day.toFixed(0)} · ${f.cells.toLocaleString("en")} cells · ${f.phase} · ${f.status}` +
      (o.progressionDay !== null ? ` · progressed on day ${o.progressionDay.toFixed(0)}` : "") +
      (o.escape ? ` (escape: ${o.escape})` : "") + (o.result === "cured" ? " · no cells left" : "");
  $("status-line").dataset.status = f.status;
  if (f.status !== "ready" && !$("prediction").disabled) lockPrediction();
  if (f.status !== "ready") $("observe-box").hidden = false;
  const now = f.drugsNow.join("+");
  if (now !== drugsShown) { // the boxes show what is given now (the lesson's regimen or the last choice)
    drugsShown = now;
    for (const b of document.querySelectorAll("#controls input[name=drug]")) b.checked = f.drugsNow.includes(b.value);
  }
  if (f.status === "finished") for (const id of ["play", "pause", "step", "give"]) $(id).disabled = true;
  if (document.activeElement !== $("pace")) $("pace").value = String(f.pace);
  $("status-line").dataset.result = o.result;
  if (o.progressionDay !== null || f.status === "finished") $("discuss-box").hidden = false;
  redraw();
}

function drawLegend() {
  $("legend").replaceChildren(...[...legend.values()].map(l => {
    const li = document.createElement("li");
    const sw = document.createElement("span");
    sw.className = "swatch"; sw.style.background = l.colour;
    li.append(sw, l.label);
    return li;
  }));
}

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function drawLattice(b64) {
  const canvas = $("lattice");
  const ctx = canvas.getContext("2d");
  const runs = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const img = ctx.createImageData(canvas.width, canvas.height);
  const colours = [[255, 255, 255]];
  for (const [i, l] of legend) colours[i] = rgb(l.colour);
  // runs of sites: the legend index, then the run's length as an unsigned LEB128 varint
  let site = 0;
  for (let k = 0; k < runs.length;) {
    const c = colours[runs[k++]] || [90, 90, 90];
    let n = 0, shift = 0, b;
    do { b = runs[k++]; n += (b & 0x7F) * 2 ** shift; shift += 7; } while (b & 0x80);
    for (const end = site + n; site < end; site++) {
      img.data[4 * site] = c[0]; img.data[4 * site + 1] = c[1]; img.data[4 * site + 2] = c[2]; img.data[4 * site + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}

// ---- charts (uPlot, log axes) ----

// room for "100,000" on the log axes; the legend names the lines (no values under the cursor)
const AXES = [{label: "day"}, {size: 64}];

function markersKey() { return [...legend.values()].map(l => l.mechanism).join("|"); }

function positive(v) { return v > 0 ? v : null; }

function newCharts(f) {
  const old = data;
  data = {day: [], cells: [], treating: [], markers: [...legend.values()].map(l => l.mechanism), byMarker: [], drugs: []};
  data.byMarker = data.markers.map(() => []);
  for (const c of Object.values(charts)) if (c && c.destroy) c.destroy();
  const width = 420, height = 240;
  const logY = {distr: 3, log: 10};
  const bands = {hooks: {drawClear: [u => shadeTreatment(u)]}};
  charts = {};
  charts.burden = new uPlot({width, height, title: "Tumour cells (log); shaded: on treatment",
    scales: {x: {time: false}, y: logY}, plugins: [bands],
    series: [{label: "day"}, {label: "cells", stroke: "#222", width: 2}],
    axes: AXES, legend: {live: false}}, [[], []], $("chart-burden"));
  charts.markers = new uPlot({width, height, title: "Cells by markers (log)",
    scales: {x: {time: false}, y: logY},
    series: [{label: "day"}, ...[...legend.values()].map(l => ({label: l.label, stroke: l.colour, width: 2}))],
    axes: AXES, legend: {live: false}}, [[], ...data.markers.map(() => [])], $("chart-markers"));
  charts.markersKey = markersKey();
  charts.drugs = null;
  charts.drugsPending = true;
  if (old) for (let i = 0; i < old.day.length; i++) add(old.point[i]);
}

function ensureDrugChart(n) {
  if (!charts.drugsPending) return;
  charts.drugsPending = false;
  const series = [{label: "day"}, ...lesson.drugs.slice(0, n).map(d => ({label: d.name + " (mg/L)", stroke: d.colour, width: 2}))];
  charts.drugs = new uPlot({width: 420, height: 240, title: "Free drug concentration (log, mg/L)",
    scales: {x: {time: false}, y: {distr: 3, log: 10}}, series, axes: AXES, legend: {live: false}},
    series.map(() => []), $("chart-drugs"));
  data.drugs = Array.from({length: n}, () => []);
}

function add(p) {
  if (!data.point) data.point = [];
  data.point.push(p);
  data.day.push(p.day);
  data.cells.push(positive(p.cells));
  data.treating.push(p.treating);
  data.markers.forEach((m, i) => data.byMarker[i].push(positive(p.byMechanism[m] || 0)));
  ensureDrugChart(p.drugs.length);
  p.drugs.forEach((c, i) => data.drugs[i] && data.drugs[i].push(c > 1e-6 ? c : null));
}

function redraw() {
  if (!data) return;
  charts.burden.setData([data.day, data.cells]);
  charts.markers.setData([data.day, ...data.byMarker]);
  if (charts.drugs) charts.drugs.setData([data.day, ...data.drugs]);
}

function shadeTreatment(u) {
  if (!data) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.fillStyle = "rgba(0, 114, 178, 0.10)";
  const top = u.bbox.top, h = u.bbox.height;
  for (let i = 0; i < data.day.length; i++) {
    if (!data.treating[i]) continue;
    const x0 = u.valToPos(data.day[i], "x", true);
    const x1 = u.valToPos(i + 1 < data.day.length ? data.day[i + 1] : data.day[i] + 1, "x", true);
    ctx.fillRect(x0, top, Math.max(1, x1 - x0), h);
  }
  ctx.restore();
}

// ---- wiring ----

resume();
// a student reading the lesson list is present: the server frees only those gone for long
setInterval(() => { if (!$("pick").hidden) fetch("/api/me", {credentials: "same-origin"}); }, 60000);
$("join-button").addEventListener("click", join);
$("code").addEventListener("keydown", e => { if (e.key === "Enter") join(); });
$("save-prediction").addEventListener("click", savePrediction);
$("play").addEventListener("click", () => command("play"));
$("pause").addEventListener("click", () => command("pause"));
$("step").addEventListener("click", () => command("step"));
$("pace").addEventListener("change", () => command("pace", {daysPerSecond: Number($("pace").value)}));
$("give").addEventListener("click", giveDrugs);
$("new-tumour").addEventListener("click", () => start(lesson, false));
$("other-lesson").addEventListener("click", () => { if (stream) stream.close(); show("pick"); });
