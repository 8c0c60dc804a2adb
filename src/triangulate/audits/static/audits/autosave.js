// Drafts that cannot be lost (design §3.2). Progressive enhancement: without this script the Save buttons work.
// After 5 seconds without typing, or when a field loses focus, the section is POSTed with its version to the
// autosave address: 200 {version, saved_at} updates the version; 409 stops autosave and shows a banner, so that
// Save shows the stale-save page. Unsaved text is kept in sessionStorage until a save succeeds.
const status = document.getElementById("autosave-status");
const form = status && status.closest("main") ? status.closest("main").querySelector("form[method=post]") : null;

if (status && form) {
  const url = status.dataset.autosaveUrl;
  const key = status.dataset.storageKey;
  const signIn = status.dataset.signInUrl;
  const version = form.querySelector("input[name=version]");
  let timer = null;
  let stopped = false;
  let dirty = false;
  // One save at a time: two saves drawn from the same version would refuse each other (409). A save asked for
  // while one is in flight runs after it, with the version the first one returned.
  let inflight = null;
  let queued = false;

  const say = (html) => { status.innerHTML = html; };
  const keep = () => {
    const values = {};
    for (const [name, value] of new FormData(form)) {
      if (name !== "csrfmiddlewaretoken") values[name] = value;
    }
    try { sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), version: version.value, values })); } catch (e) { /* full or blocked */ }
  };

  const save = () => {
    if (inflight) {
      queued = true;
      return inflight;
    }
    if (stopped || !dirty) return Promise.resolve();
    inflight = send().catch(() => say("Not saved yet: press Save to keep your answers.")).finally(() => {
      inflight = null;
      if (queued) {
        queued = false;
        save();
      }
    });
    return inflight;
  };

  const send = async () => {
    dirty = false;
    let response;
    try {
      response = await fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin",
                                    headers: { "X-Requested-With": "fetch" } });
    } catch (e) {
      say("Not saved: check your connection. Your text is kept on this page.");
      dirty = true;
      return;
    }
    if (response.redirected && new URL(response.url).pathname === signIn) {
      stopped = true;
      const next = encodeURIComponent(window.location.pathname);
      say(`<div class="govuk-notification-banner" role="alert"><div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">You have been signed out. Your text is kept on this page.
        <a class="govuk-notification-banner__link" href="${signIn}?next=${next}">Sign in</a></p></div></div>`);
      return;
    }
    if (response.status === 409) {
      stopped = true;
      say(`<div class="govuk-notification-banner" role="alert"><div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">Someone else saved this audit, so autosave has stopped.
        Press Save to compare their version with yours.</p></div></div>`);
      return;
    }
    if (response.ok) {
      const body = await response.json();
      version.value = body.version;
      document.dispatchEvent(new Event("triangulate:request"));  // the session was renewed (core session.js)
      try { sessionStorage.removeItem(key); } catch (e) { /* blocked */ }
      say(`Saved at ${body.saved_at}`);
    } else if (response.status === 400) {
      say("Not saved yet: an answer needs correcting. Press Save to see which.");
    } else {
      // 403 or 404: the audit was given to someone else, or submitted, since the page was drawn
      stopped = true;
      say("Autosave has stopped: you may no longer be able to change this audit. Press Save to check.");
    }
  };

  form.addEventListener("input", () => {
    dirty = true;
    keep();
    clearTimeout(timer);
    timer = setTimeout(save, 5000);
  });
  form.addEventListener("focusout", () => { clearTimeout(timer); save(); });
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    if (inflight) {
      // Leaving the field for the button started an autosave: submit once it has answered, with the version it
      // returned, or the save would be refused as stale by the autosave of the same text.
      event.preventDefault();
      const submitter = event.submitter;
      (async () => {
        while (inflight) await inflight;
        if (form.requestSubmit) form.requestSubmit(submitter); else form.submit();
      })();
      return;
    }
    try { sessionStorage.removeItem(key); } catch (e) { /* blocked */ }
  });

  // Text kept from before a sign-out or a closed tab, newer than the version this page was drawn from.
  let kept = null;
  try { kept = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (kept && kept.values) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary";
    button.textContent = "Restore your unsaved text";
    button.addEventListener("click", () => {
      for (const [name, value] of Object.entries(kept.values)) {
        if (name === "version") continue;
        for (const field of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
          if (field.type === "radio" || field.type === "checkbox") field.checked = field.value === value;
          else field.value = value;
        }
      }
      dirty = true;
      button.remove();
      say("Your unsaved text has been restored. Press Save to keep it.");
    });
    status.appendChild(button);
  }
}
