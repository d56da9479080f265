// Casework's only script. Every page works without it; with it, forms save drafts as people type
// and people are warned before an idle time-out signs them out.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
initAll();

const csrfToken = () => {
  const field = document.querySelector("input[name=csrfmiddlewaretoken]");
  return field ? field.value : "";
};

// Autosave ----------------------------------------------------------------------------------
const AUTOSAVE_DELAY_MS = 3000;
const autosaveForms = Array.from(document.querySelectorAll("form[data-autosave]"));

async function saveDraft(form) {
  const status = form.querySelector(".casework-draft-status");
  try {
    const response = await fetch(window.location.pathname, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Casework-Autosave": "1", "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
      keepalive: true,
    });
    if (response.ok && status) {
      status.textContent = (await response.text()).trim();
    }
    if (response.ok) {
      lastContact = Date.now();
      form.dataset.dirty = "";
    }
  } catch {
    if (status) status.textContent = "Could not save a draft just now. Keep this page open.";
  }
}

for (const form of autosaveForms) {
  let timer;
  form.addEventListener("input", () => {
    form.dataset.dirty = "1";
    clearTimeout(timer);
    timer = setTimeout(() => saveDraft(form), AUTOSAVE_DELAY_MS);
  });
  form.addEventListener("submit", () => clearTimeout(timer));
}

// Idle time-out warning -----------------------------------------------------------------------
const sessionSeconds = Number(document.body.dataset.sessionSeconds || 0);
const warningSeconds = Number(document.body.dataset.sessionWarningSeconds || 120);
let lastContact = Date.now();

if (sessionSeconds > 0) {
  const dialog = document.getElementById("timeout-warning");
  const countdown = dialog.querySelector(".casework-js-countdown");
  const stay = dialog.querySelector(".casework-js-stay");
  const signOut = document.getElementById("timeout-signout");

  stay.addEventListener("click", async () => {
    await fetch(stay.dataset.keepaliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    });
    lastContact = Date.now();
    dialog.close();
  });

  setInterval(async () => {
    const left = sessionSeconds - (Date.now() - lastContact) / 1000;
    if (left <= 5) {
      for (const form of autosaveForms) {
        if (form.dataset.dirty) await saveDraft(form);
      }
      signOut.submit();
      return;
    }
    if (left <= warningSeconds) {
      const minutes = Math.ceil(left / 60);
      countdown.textContent = minutes > 1 ? `${minutes} minutes` : `${Math.ceil(left)} seconds`;
      if (!dialog.open) dialog.showModal();
    }
  }, 1000);
}
