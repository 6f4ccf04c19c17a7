// The teacher's page: sign in with the teacher's code, then the class's outcomes, refreshed
// every two seconds. Students' names and predictions are set as text, never as HTML.
"use strict";

const $ = id => document.getElementById(id);

async function api(method, path, body) {
  const r = await fetch(path, {
    method, credentials: "same-origin",
    headers: body === undefined ? {} : {"Content-Type": "application/json"},
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const json = await r.json();
  if (!r.ok) throw new Error(json.error || ("the server answered " + r.status));
  return json;
}

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (cls) td.className = cls;
  return td;
}

function days(d) { return d === null || d === undefined ? "" : d.toFixed(0); }

async function refresh() {
  try {
    const c = await api("GET", "/api/teacher/class");
    $("join-code").textContent = "Students join with code " + c.joinCode;
    $("summary").tBodies[0].replaceChildren(...c.summary.map(s => {
      const tr = document.createElement("tr");
      tr.append(cell(s.lesson), cell(s.strategy), cell(s.tumours), cell(s.cured), cell(s.progressed),
        cell(s.tumours - s.cured - s.progressed), cell(days(s.medianDaysToProgression)));
      return tr;
    }));
    $("students").tBodies[0].replaceChildren(...c.rows.map(r => {
      const o = r.outcome || {};
      const tr = document.createElement("tr");
      tr.dataset.student = r.student;
      tr.append(cell(r.student), cell(r.lessonTitle), cell(r.lesson ? (r.classTumour ? "class's" : "own") + ", seed " + r.seed : ""),
        cell(r.status), cell(days(o.day)), cell(o.result), cell(o.progressionDay === null || o.progressionDay === undefined ? ""
          : `day ${days(o.progressionDay)} (${days(o.daysToProgression)})`), cell(o.escape), cell(o.strategy), cell(r.prediction, "prediction"));
      return tr;
    }));
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) { $("updated").textContent = e.message; }
}

async function signIn() {
  $("sign-in-error").textContent = "";
  try {
    await api("POST", "/api/teacher", {code: $("teacher-code").value});
    $("sign-in").hidden = true;
    $("class").hidden = false;
    await refresh();
    setInterval(refresh, 2000);
  } catch (e) { $("sign-in-error").textContent = e.message; }
}

// a reloaded page is still signed in (its cookie): straight to the class
(async () => {
  try {
    await api("GET", "/api/teacher/class");
    $("sign-in").hidden = true;
    $("class").hidden = false;
    await refresh();
    setInterval(refresh, 2000);
  } catch (e) { /* not signed in yet */ }
})();
$("sign-in-button").addEventListener("click", signIn);
$("teacher-code").addEventListener("keydown", e => { if (e.key === "Enter") signIn(); });
