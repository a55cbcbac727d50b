// The practice pages' only script: typesets math with the local KaTeX, shows the parser's live
// preview of each typed answer, and keeps unsent answers in this browser across a reload.
"use strict";

function typeset(root) {
  if (window.renderMathInElement) {
    window.renderMathInElement(root, {
      delimiters: [
        {left: "$$", right: "$$", display: true},
        {left: "\\[", right: "\\]", display: true},
        {left: "$", right: "$", display: false},
        {left: "\\(", right: "\\)", display: false},
      ],
      ignoredClasses: ["tex-literal", "typed"],
      throwOnError: false,
    });
  }
}

function groupText(group) {
  const widget = group.dataset.widget;
  const name = group.dataset.name;
  const value = (field) => (field ? field.value.trim() : "");
  if (widget === "entries") {
    const entries = Array.from(group.querySelectorAll("input.entry")).map(value);
    return entries.some(Boolean) ? "(" + entries.map((e) => e || "?").join(", ") + ")" : "";
  }
  if (widget === "grid") {
    const rows = Array.from(group.querySelectorAll("tr")).map((tr) =>
      Array.from(tr.querySelectorAll("input.entry")).map(value));
    if (!rows.flat().some(Boolean)) return "";
    return "[" + rows.map((r) => "[" + r.map((e) => e || "?").join(", ") + "]").join(", ") + "]";
  }
  return value(group.querySelector(`input[name="${name}"]`));
}

function showPreview(group, box) {
  const text = groupText(group);
  if (!text) { box.textContent = ""; box.className = "preview"; return; }
  const url = "/api/preview?" + new URLSearchParams({text: text, variables: group.dataset.variables || ""});
  fetch(url, {credentials: "same-origin"}).then((r) => r.json()).then((data) => {
    if (groupText(group) !== text) return;           // typed on meanwhile
    box.className = "preview " + (data.ok ? "ok" : "error");
    if (data.ok && window.katex) {
      box.textContent = "";
      const label = document.createElement("span");
      label.textContent = "Read as: ";
      const math = document.createElement("span");
      box.append(label, math);
      window.katex.render(data.latex, math, {throwOnError: false});
    } else {
      box.textContent = data.ok ? "Read as: " + data.latex : data.error;
    }
  }).catch(() => { box.textContent = ""; });
}


function setUpForm(form) {
  const fields = Array.from(form.querySelectorAll("input")).filter((f) => f.name && f.name !== "csrf" && f.name !== "back");
  for (const field of fields) {                      // restore what was typed before a reload
    const key = "mathexams-draft:" + form.closest("article").dataset.served + ":" + field.name;
    const saved = window.localStorage.getItem(key);
    if (saved !== null) {
      if (field.type === "radio" || field.type === "checkbox") {
        field.checked = JSON.parse(saved).includes(field.value);
      } else if (!field.value) {
        field.value = saved;
      }
    }
    field.addEventListener("input", () => {
      if (field.type === "radio" || field.type === "checkbox") {
        const chosen = fields.filter((f) => f.name === field.name && f.checked).map((f) => f.value);
        window.localStorage.setItem(key, JSON.stringify(chosen));
      } else {
        window.localStorage.setItem(key, field.value);
      }
    });
  }
  form.addEventListener("submit", () => {
    for (const field of fields) {
      window.localStorage.removeItem("mathexams-draft:" + form.closest("article").dataset.served + ":" + field.name);
    }
  });
  for (const group of form.querySelectorAll(".group")) {
    const box = group.querySelector(".preview");
    if (!box) continue;
    let timer = null;
    group.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => showPreview(group, box), 200);
    });
    if (groupText(group)) showPreview(group, box);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  typeset(document.body);
  document.querySelectorAll("form.answer-form").forEach(setUpForm);
});
