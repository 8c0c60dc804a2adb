// The observe page's outbox (design practice §5.2–5.3): every change is kept in localStorage at once, under
// triangulate:outbox:<user pk>:<visit pk>, and sent one request at a time, oldest first, 3 seconds after typing
// stops or when a field loses focus. A lost connection or a server error keeps everything and retries (5, 10, 20,
// 40, then every 60 seconds, and at once when the browser says it is online again); a sign-in redirect keeps
// everything and links to sign in; a 409 asks which text to keep. Each note carries its client_id and each save
// its own edit_id, so a save sent twice is applied once (services/sync.py). Without this script every form on the
// page still posts by itself. No inline script: data reach it through data- attributes (CSP script-src 'self').
const root = document.querySelector("[data-observe]");

const uuid = () => {
  if (window.isSecureContext && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

if (root) {
  const key = root.dataset.outboxKey;
  const userPrefix = `triangulate:outbox:${root.dataset.userPk}:`;
  const keepDays = Number(root.dataset.outboxDays) || 7;
  const status = root.querySelector("[data-status]");
  const signedOutBox = root.querySelector("[data-signed-out]");
  const handIn = root.querySelector("[data-hand-in]");
  const handInReason = root.querySelector("[data-hand-in-reason]");
  const csrf = () => (root.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  const RETRIES = [5, 10, 20, 40, 60];
  const SKIP = new Set(["csrfmiddlewaretoken", "client_id", "edit_id", "base_revision", "base_version"]);
  let sending = false;
  let signedOut = false;
  let failures = 0;
  let timer = null;
  let lastSaved = "";

  const load = () => {
    try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { return {}; }
  };
  const store = (box) => {
    if (Object.keys(box).length) localStorage.setItem(key, JSON.stringify(box));
    else localStorage.removeItem(key);
  };

  // Items older than OUTBOX_DAYS are deleted from this tablet (decision 8), this user's only.
  const prune = () => {
    const oldest = Date.now() - keepDays * 86400000;
    let dropped = 0;
    for (const k of Object.keys(localStorage)) {
      if (!k.startsWith(userPrefix)) continue;
      let box;
      try { box = JSON.parse(localStorage.getItem(k)) || {}; } catch (e) { box = {}; }
      for (const [id, item] of Object.entries(box)) {
        if (!item.at || item.at < oldest) { delete box[id]; dropped += 1; }
      }
      if (Object.keys(box).length) localStorage.setItem(k, JSON.stringify(box)); else localStorage.removeItem(k);
    }
    if (dropped) {
      const box = root.querySelector("[data-pruned]");
      box.hidden = false;
      box.className = "govuk-inset-text";
      box.textContent = `${plural(dropped, "note", "notes")} kept on this tablet for more than ${keepDays} days ` +
        `${dropped === 1 ? "was" : "were"} deleted without being sent.`;
    }
  };

  const formOf = (id) => (id === "observation" ? root.querySelector("form[data-questions]")
    : root.querySelector(`form[data-note][data-client-id="${id}"]`));
  const idOf = (form) => (form.matches("[data-questions]") ? "observation" : form.dataset.clientId);

  const read = (form) => {
    const fields = {};
    for (const [name, value] of new FormData(form).entries()) {
      if (SKIP.has(name)) continue;
      if (name in fields) fields[name] = [].concat(fields[name], value);
      else fields[name] = form.querySelectorAll(`[name="${name}"][type=checkbox]`).length > 1 ? [value] : value;
    }
    return fields;
  };

  const fill = (form, fields) => {
    for (const el of form.elements) {
      if (!el.name || SKIP.has(el.name)) continue;
      const value = fields[el.name];
      if (el.type === "radio") el.checked = value === el.value;
      else if (el.type === "checkbox") el.checked = Array.isArray(value) ? value.includes(el.value) : Boolean(value);
      else if (el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.type === "text") el.value = value ?? "";
    }
  };

  const noteStatus = (form, text) => {
    const span = form.querySelector("[data-note-status]");
    if (span) span.textContent = text;
  };

  const count = (box, state) => Object.values(box).filter((i) => (state ? i.state === state : true)).length;

  const render = () => {
    const box = load();
    const waiting = count(box);
    const decisions = count(box, "conflict");
    const invalid = count(box, "invalid");
    const closed = count(box, "closed");
    if (handIn) {
      handIn.disabled = waiting > 0;
      handIn.setAttribute("aria-disabled", waiting > 0 ? "true" : "false");
      if (handInReason) handInReason.hidden = waiting === 0;
    }
    if (!status) return;
    if (signedOut) {
      status.textContent = "Signed out: your notes are kept on this tablet and will be sent when you sign in.";
    } else if (decisions) {
      status.textContent = `${plural(decisions, "note needs", "notes need")} your decision.`;
    } else if (invalid) {  // refused as it stands (400): waiting for the connection would not help
      status.textContent = `${plural(invalid, "note needs", "notes need")} correcting before it can be saved.`;
    } else if (closed) {
      status.textContent = "This observation is closed: copy your text and ask the organiser to return it.";
    } else if (sending) {
      status.textContent = "Saving…";
    } else if (waiting) {
      status.innerHTML = "";
      const strong = document.createElement("strong");
      strong.textContent = `Not sent yet: ${plural(waiting, "note is", "notes are")} kept on this tablet.`;
      status.append(strong, " They will be sent when the connection returns.");
    } else {
      status.textContent = lastSaved ? `All notes saved at ${lastSaved}` : "All notes saved";
    }
  };

  const schedule = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };

  // A note typed into the "add a note" form becomes a note of its own; a fresh blank form follows it.
  const promote = (form) => {
    if (!form.classList.contains("app-note--new")) return;
    const clone = form.cloneNode(true);
    const oldId = form.dataset.clientId;
    const newId = uuid();
    for (const el of clone.querySelectorAll("[id], [for], [aria-describedby]")) {
      for (const attr of ["id", "for", "aria-describedby"]) {
        if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).split(oldId).join(newId));
      }
    }
    clone.id = `note-${newId}`;
    clone.dataset.clientId = newId;
    clone.dataset.revision = "0";
    delete clone.dataset.bound;  // a copy has none of the listeners: bind it on its first input
    clone.querySelector("input[name=client_id]").value = newId;
    fill(clone, {});
    noteStatus(clone, "");
    form.classList.remove("app-note--new");
    form.querySelector("[data-note-save]").textContent = "Save this note";
    form.after(clone);
  };

  const record = (form) => {
    const id = idOf(form);
    const box = load();
    const fields = read(form);
    let item = box[id];
    if (!item) {
      const base = Number(form.dataset.revision ?? form.dataset.version ?? 0);
      item = { fields, edit_id: uuid(), base, sent_edit_ids: [], sent: false, at: Date.now(), state: "" };
    } else {
      if (item.sent) {  // that save may have reached the server: this browser's own, unconfirmed (§5.1 rule 3)
        item.sent_edit_ids = [...item.sent_edit_ids, item.edit_id].slice(-20);
        item.edit_id = uuid();
        item.sent = false;
      }
      item.fields = fields;
      if (item.state === "invalid") item.state = "";
    }
    box[id] = item;
    store(box);
    if (id !== "observation") promote(form);
    noteStatus(form, "Not sent yet");
    render();
  };

  const body = (id, item) => {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", csrf());
    if (id === "observation") data.append("base_version", item.base);
    else { data.append("client_id", id); data.append("base_revision", item.base); }
    data.append("edit_id", item.edit_id);
    for (const sent of item.sent_edit_ids) data.append("sent_edit_ids", sent);
    for (const [name, value] of Object.entries(item.fields)) {
      for (const v of [].concat(value)) data.append(name, v);
    }
    return data;
  };

  const retry = () => {
    const delay = RETRIES[Math.min(failures, RETRIES.length - 1)];
    failures += 1;
    schedule(delay * 1000);
    render();
  };

  const showSignedOut = () => {
    signedOut = true;
    clearTimeout(timer);
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    signedOutBox.hidden = false;
    signedOutBox.className = "govuk-notification-banner";
    signedOutBox.setAttribute("role", "region");
    signedOutBox.setAttribute("aria-label", "Signed out");
    signedOutBox.innerHTML = '<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading"></p></div>';
    const p = signedOutBox.querySelector("p");
    p.textContent = "You have been signed out. Your notes are kept on this tablet and will be sent when you sign in. ";
    const link = document.createElement("a");
    link.className = "govuk-notification-banner__link";
    link.href = `${root.dataset.signInUrl}?next=${next}`;
    link.textContent = "Sign in";
    p.append(link);
    render();
  };

  const showConflict = (form, item, by, at) => {
    const panel = form.querySelector("[data-note-conflict]");
    panel.hidden = false;
    panel.className = "govuk-inset-text";
    panel.innerHTML = "";
    const heading = document.createElement("p");
    heading.className = "govuk-body govuk-!-font-weight-bold";
    heading.textContent = `${by || "Someone"} saved this ${form.matches("[data-questions]") ? "page" : "note"} ` +
      `${at ? `at ${at} ` : ""}on another device. Which do you want to keep?`;
    panel.append(heading);
    const textOf = (fields) => fields.text ?? fields.what_happened ?? "";
    for (const [label, fields] of [["Yours", item.fields], ["Saved", item.stored || {}]]) {
      const h = document.createElement("h4");
      h.className = "govuk-heading-s";
      h.textContent = label;
      const p = document.createElement("p");
      p.className = "govuk-body app-note__text";
      p.textContent = textOf(fields);
      panel.append(h, p);
    }
    const group = document.createElement("div");
    group.className = "govuk-button-group";
    const mine = document.createElement("button");
    mine.type = "button";
    mine.className = "govuk-button";
    mine.textContent = "Keep mine";
    const theirs = document.createElement("button");
    theirs.type = "button";
    theirs.className = "govuk-button govuk-button--secondary";
    theirs.textContent = "Keep the saved one";
    group.append(mine, theirs);
    panel.append(group);
    const id = idOf(form);
    mine.addEventListener("click", () => {
      const box = load();
      const it = box[id];
      if (it) {
        Object.assign(it, { base: it.storedRevision, edit_id: uuid(), sent: false, sent_edit_ids: [], state: "" });
        delete it.stored;
        store(box);
      }
      panel.hidden = true;
      render();
      flush();
    });
    theirs.addEventListener("click", () => {
      const box = load();
      const it = box[id];
      if (it) {
        fill(form, it.stored || {});
        form.dataset.revision = it.storedRevision;
        if (form.dataset.version !== undefined) form.dataset.version = it.storedRevision;
        delete box[id];
        store(box);
      }
      panel.hidden = true;
      noteStatus(form, "Saved");
      render();
      flush();
    });
  };

  // Text the server will no longer take, shown where it can be selected and copied (§5.2).
  const showUnsendable = () => {
    const box = load();
    const closed = Object.entries(box).filter(([id, item]) => item.state === "closed" && !formOf(id));
    let list = root.querySelector("[data-unsendable]");
    if (!closed.length) { if (list) list.remove(); return; }
    if (!list) {
      list = document.createElement("div");
      list.dataset.unsendable = "";
      list.className = "govuk-inset-text";
      root.querySelector("[data-status]").after(list);
    }
    list.innerHTML = "";
    const intro = document.createElement("p");
    intro.className = "govuk-body";
    intro.textContent = "This observation is closed: copy your text and ask the organiser to return it.";
    list.append(intro);
    for (const [, item] of closed) {
      const p = document.createElement("p");
      p.className = "govuk-body app-note__text";
      p.textContent = item.fields.text ?? item.fields.what_happened ?? "";
      list.append(p);
    }
  };

  const answered = (id, editId, code, data) => {
    const box = load();
    const item = box[id];
    const form = formOf(id);
    if (!item) return;
    if (code === 200) {
      const revision = data.revision ?? data.version;
      if (item.edit_id === editId) delete box[id];
      else { item.base = revision; item.sent_edit_ids = []; }
      store(box);
      lastSaved = data.saved_at || lastSaved;
      if (form) {
        if (id === "observation") {
          form.dataset.version = revision;
          // Hand in is claimed against the observation's version: the one just saved, not the page's.
          const version = root.querySelector("form[data-hand-in-form] input[name=version]");
          if (version && !box[id]) version.value = revision;
        } else form.dataset.revision = revision;
        if (!box[id]) noteStatus(form, "Saved");
        if (!box[id] && item.fields.removed) form.hidden = true;
        const warn = form.querySelector("[data-note-warnings]") || document.createElement("p");
        warn.dataset.noteWarnings = "";
        warn.className = "govuk-hint";
        warn.textContent = (data.warnings || []).join(". ");
        if (!warn.isConnected) form.querySelector("[data-note-conflict]").before(warn);
      }
    } else if (code === 409) {
      Object.assign(item, { state: "conflict", stored: data.stored, storedRevision: data.revision ?? data.version });
      store(box);
      if (form) { noteStatus(form, "Needs your decision"); showConflict(form, item, data.by, data.at); }
    } else if (code === 400) {
      if (item.edit_id !== editId) return;  // changed since it was sent: the newer text goes next
      item.state = "invalid";
      store(box);
      if (form) {
        const errors = Object.values(data.errors || {}).flat().join(" ");
        noteStatus(form, `Needs correcting: ${errors}`);
      }
    } else {  // 403, 404: the observation can no longer be changed; the text stays here to copy
      item.state = "closed";
      store(box);
      if (form) noteStatus(form, "This observation is closed: copy your text and ask the organiser to return it");
      else showUnsendable();
    }
  };

  async function flush() {
    if (sending || signedOut) return;
    clearTimeout(timer);
    const box = load();
    // A new note waits until it has words: a kind or theme chosen first is not yet a note worth refusing.
    const ready = (id) => !box[id].state && (id === "observation" || box[id].base > 0
                                             || String(box[id].fields.text || "").trim() !== "");
    const ids = Object.keys(box).filter(ready).sort((a, b) => box[a].at - box[b].at);
    if (!ids.length) { render(); return; }
    const id = ids[0];
    const item = box[id];
    item.sent = true;
    store(box);
    sending = true;
    render();
    let response;
    try {
      response = await fetch(id === "observation" ? root.dataset.observationUrl : root.dataset.entryUrl, {
        method: "POST", body: body(id, item), credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "X-CSRFToken": csrf() } });
    } catch (e) {
      sending = false;
      retry();
      return;
    }
    sending = false;
    const signIn = new URL(root.dataset.signInUrl, window.location.href).pathname;
    if (response.redirected && new URL(response.url).pathname.startsWith(signIn)) { showSignedOut(); return; }
    if (response.status >= 500) { retry(); return; }
    document.dispatchEvent(new CustomEvent("triangulate:request"));  // the session was renewed (session.js)
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    failures = 0;
    answered(id, item.edit_id, response.status, data);
    render();
    flush();
  }

  // Back from a reload (after signing in, or a tablet restarted): what the outbox holds goes back on the page.
  const restore = () => {
    const box = load();
    for (const [id, item] of Object.entries(box)) {
      let form = formOf(id);
      if (!form && id !== "observation") {
        const blank = root.querySelector(`form.app-note--new[data-heading="${item.fields.heading}"]`);
        if (!blank) continue;
        const oldId = blank.dataset.clientId;
        promote(blank);  // the blank form becomes this note, with this note's id
        for (const el of blank.querySelectorAll("[id], [for], [aria-describedby]")) {
          for (const attr of ["id", "for", "aria-describedby"]) {
            if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).split(oldId).join(id));
          }
        }
        blank.id = `note-${id}`;
        blank.dataset.clientId = id;
        blank.querySelector("input[name=client_id]").value = id;
        form = blank;
      }
      if (!form) continue;
      fill(form, item.fields);
      noteStatus(form, item.state === "closed"
        ? "This observation is closed: copy your text and ask the organiser to return it" : "Not sent yet");
      if (item.state === "conflict") showConflict(form, item, "", "");
    }
  };

  // "Add a strength", "Add a quote"…: choose the kind in the heading's blank note and go to its words.
  for (const group of root.querySelectorAll("[data-add-buttons]")) {
    group.hidden = false;
    group.addEventListener("click", (event) => {
      const button = event.target.closest("[data-add-kind]");
      if (!button) return;
      const blank = root.querySelector(`form.app-note--new[data-heading="${group.dataset.addButtons}"]`);
      const radio = blank && blank.querySelector(`input[name=kind][value="${button.dataset.addKind}"]`);
      if (!radio) return;
      radio.checked = true;
      const words = blank.querySelector("textarea[name=text]");
      words.scrollIntoView({ block: "center" });
      words.focus();
    });
  }
  prune();
  restore();
  showUnsendable();
  for (const form of root.querySelectorAll("form[data-note], form[data-questions]")) {
    form.addEventListener("input", () => { record(form); schedule(3000); });
    form.addEventListener("change", () => { record(form); schedule(3000); });
    form.addEventListener("focusout", () => { if (Object.keys(load()).length) schedule(0); });
    form.addEventListener("submit", (event) => { event.preventDefault(); record(form); flush(); });
  }
  // Forms added later (a new blank note) are reached through the document.
  root.addEventListener("input", (event) => {
    const form = event.target.closest("form[data-note]");
    if (form && !form.dataset.bound) bind(form);
  }, true);
  function bind(form) {
    form.dataset.bound = "1";
    form.addEventListener("input", () => { record(form); schedule(3000); });
    form.addEventListener("change", () => { record(form); schedule(3000); });
    form.addEventListener("focusout", () => { if (Object.keys(load()).length) schedule(0); });
    form.addEventListener("submit", (event) => { event.preventDefault(); record(form); flush(); });
  }
  for (const form of root.querySelectorAll("form[data-note], form[data-questions]")) form.dataset.bound = "1";
  const handInForm = root.querySelector("form[data-hand-in-form]");
  if (handInForm) {
    handInForm.addEventListener("submit", (event) => {
      if (Object.keys(load()).length) { event.preventDefault(); render(); }
    });
  }
  window.addEventListener("online", () => { failures = 0; if (!signedOut) flush(); });
  window.addEventListener("beforeunload", (event) => {
    if (Object.keys(load()).length && !signedOut) { event.preventDefault(); event.returnValue = ""; }
  });
  render();
  flush();
}
