// The idle timeout (design audits §3.2; GOV.UK's timeout warning pattern). The server signs a person out after
// SESSION_COOKIE_AGE seconds without a request; this warns before then and offers "Stay signed in", which renews
// the session with one request. Signing out also removes any unsaved audit text this tab kept in sessionStorage
// (audits/autosave.js), so a shared computer does not keep it. Progressive enhancement: without JavaScript the
// server's timeout still applies.
const dialog = document.getElementById("session-timeout");
const signOutForm = document.querySelector("form.app-header__logout");

const forgetDrafts = () => {
  try {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith("triangulate:")) sessionStorage.removeItem(key);
    }
  } catch (e) { /* storage blocked: nothing was kept */ }
};

if (signOutForm) signOutForm.addEventListener("submit", forgetDrafts);

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
                       "Anything you had saved is kept.";
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
  leave.addEventListener("click", () => { forgetDrafts(); signOutForm.submit(); });
  // Any request this page makes renews the session on the server (SESSION_SAVE_EVERY_REQUEST): autosave says so.
  document.addEventListener("triangulate:request", restart);
  restart();
}
