// The idle timeout (design audits §3.2; GOV.UK's timeout warning pattern). The server signs a person out after
// SESSION_COOKIE_AGE seconds without a request; this warns before then and offers "Stay signed in", which renews
// the session with one request. Signing out also removes any unsaved audit text this tab kept in sessionStorage
// (audits/autosave.js), so a shared computer does not keep it. Progressive enhancement: without JavaScript the
// server's timeout still applies.
// Practice observations keep unsent notes in localStorage, under triangulate:outbox:<user pk>:<visit pk>
// (practice/observe.js, design practice §5.4): an idle sign-out never deletes them, and says they are kept; the
// Sign out button first asks, and deletes this user's notes only when the person confirms.
const dialog = document.getElementById("session-timeout");
const signOutForm = document.querySelector("form.app-header__logout");
const outboxPrefix = dialog && dialog.dataset.userPk ? `triangulate:outbox:${dialog.dataset.userPk}:` : null;

const forgetDrafts = () => {
  try {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith("triangulate:")) sessionStorage.removeItem(key);
    }
  } catch (e) { /* storage blocked: nothing was kept */ }
};

const outboxKeys = () => {
  try {
    return outboxPrefix ? Object.keys(localStorage).filter((key) => key.startsWith(outboxPrefix)) : [];
  } catch (e) { return []; }
};

const unsentNotes = () => outboxKeys().reduce((n, key) => {
  try { return n + Object.keys(JSON.parse(localStorage.getItem(key)) || {}).length; } catch (e) { return n; }
}, 0);

const forgetOutbox = () => { for (const key of outboxKeys()) localStorage.removeItem(key); };

// "2 notes have not been sent…": Go back and wait, or Sign out and delete them.
const confirmSignOut = (signOut) => {
  const n = unsentNotes();
  if (!n) { signOut(); return; }
  const ask = document.createElement("dialog");
  ask.className = "app-timeout-dialog";
  ask.setAttribute("aria-labelledby", "outbox-sign-out-heading");
  ask.innerHTML = '<h2 class="govuk-heading-m" id="outbox-sign-out-heading"></h2><p class="govuk-body"></p>' +
    '<div class="govuk-button-group"><button type="button" class="govuk-button" data-action="wait">' +
    'Go back and wait</button><button type="button" class="govuk-button govuk-button--warning" ' +
    'data-action="delete">Sign out and delete them</button></div>';
  ask.querySelector("h2").textContent = `${n} note${n === 1 ? " has" : "s have"} not been sent`;
  ask.querySelector("p").textContent = `${n} note${n === 1 ? " has" : "s have"} not been sent. If you sign out ` +
    `now ${n === 1 ? "it" : "they"} will be deleted from this device.`;
  ask.querySelector("[data-action=wait]").addEventListener("click", () => { ask.close(); ask.remove(); });
  ask.querySelector("[data-action=delete]").addEventListener("click", () => { forgetOutbox(); signOut(); });
  document.body.append(ask);
  if (dialog && dialog.open) dialog.close();
  ask.showModal();
  ask.querySelector("[data-action=wait]").focus();
};

if (signOutForm) {
  signOutForm.addEventListener("submit", (event) => {
    if (unsentNotes()) {
      event.preventDefault();
      confirmSignOut(() => { forgetDrafts(); signOutForm.submit(); });
      return;
    }
    forgetDrafts();
  });
}

if (dialog && typeof dialog.showModal === "function") {
  const idle = Number(dialog.dataset.idleSeconds) * 1000;
  const warnBefore = Math.min(5 * 60 * 1000, idle / 4);
  const text = dialog.querySelector("[data-timeout-text]");
  const stay = dialog.querySelector("[data-action=stay]");
  const leave = dialog.querySelector("[data-action=sign-out]");
  let warnTimer = null;
  let endTimer = null;
  let signedOut = false;

  const restart = () => {
    if (signedOut) return;
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, idle - warnBefore);
    endTimer = setTimeout(end, idle);
  };

  const warn = () => {
    const minutes = Math.round(warnBefore / 60000);
    text.textContent = minutes >= 1
      ? `We will sign you out in ${minutes} minute${minutes === 1 ? "" : "s"} because you have not done anything. ` +
        "Anything you have saved is kept."
      : "We will sign you out in less than a minute because you have not done anything. " +
        "Anything you have saved is kept.";
    if (!dialog.open) dialog.showModal();
    stay.focus();
  };

  const end = () => {
    signedOut = true;
    clearTimeout(warnTimer);
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    dialog.querySelector("h2").textContent = "You have been signed out";
    text.textContent = "Nothing was done for a while, so we signed you out to keep children's records safe. " +
                       "Anything you had saved is kept." +
                       (unsentNotes() ? " Notes not yet sent are kept on this device." : "");
    const link = document.createElement("a");
    link.className = "govuk-button";
    link.href = `${dialog.dataset.signInUrl}?next=${next}`;
    link.textContent = "Sign in again";
    stay.replaceWith(link);
    leave.hidden = true;
    if (!dialog.open) dialog.showModal();
    link.focus();
  };

  const keepAlive = async () => {
    const token = signOutForm ? signOutForm.querySelector("input[name=csrfmiddlewaretoken]").value : "";
    try {
      const response = await fetch(dialog.dataset.keepAliveUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" } });
      if (response.redirected || !response.ok) { end(); return; }
    } catch (e) {
      text.textContent = "We could not reach Triangulate: check your connection, then press Stay signed in again.";
      return;
    }
    dialog.close();
    restart();
  };

  stay.addEventListener("click", keepAlive);
  // Escape closes a modal dialog: treat it as "Stay signed in", as the pattern does.
  dialog.addEventListener("cancel", (event) => { event.preventDefault(); if (!signedOut) keepAlive(); });
  leave.addEventListener("click", () => confirmSignOut(() => { forgetDrafts(); signOutForm.submit(); }));
  // Any request this page makes renews the session on the server (SESSION_SAVE_EVERY_REQUEST): autosave says so.
  document.addEventListener("triangulate:request", restart);
  restart();
}
