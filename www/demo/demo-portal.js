// The demo portal's own script: the form is never sent to a server. On submit it shows on the page exactly
// what the browser would post (the form data, including the <regie-wijzer> field, whose value is a JSON
// string), and a reset clears that again. Same-origin file, so it runs under the page's strict CSP.
const form = document.getElementById("melding");
const posted = document.getElementById("posted");
const status = document.getElementById("posted-status");
const en = document.documentElement.lang.startsWith("en");

const TEXT = en
  ? {
    sent: (n) => `Not sent: this demonstration shows the ${n} fields the form would post (application/x-www-form-urlencoded).`,
    cleared: "The form was cleared. Nothing has been sent.",
  }
  : {
    sent: (n) => `Niet verstuurd: dit zijn de ${n} velden die het formulier zou versturen (application/x-www-form-urlencoded).`,
    cleared: "Het formulier is leeggemaakt. Er is niets verstuurd.",
  };

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const data = new FormData(form, event.submitter);
  const lines = [];
  for (const [name, value] of data) lines.push(`${name} = ${value}`);
  posted.textContent = lines.join("\n");
  posted.dataset.body = new URLSearchParams(data).toString();
  posted.hidden = false;
  status.textContent = TEXT.sent(lines.length);
  posted.focus();
});

form.addEventListener("reset", () => {
  posted.textContent = "";
  delete posted.dataset.body;
  posted.hidden = true;
  status.textContent = TEXT.cleared;
});
