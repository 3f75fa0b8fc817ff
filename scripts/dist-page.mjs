// LEESMIJ.html of the self-hosting archive (scripts/dist.mjs): what a CMS administrator does with it, in Dutch
// and then in English. Each file a page loads is a table row `tr[data-file]` with its size and SRI hash
// (tests/dist.test.mjs reads them).

/** Text for HTML (file names and hashes are ours, but nothing goes in unescaped). */
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A table of files, with the words for its head and the number format of one language. */
function table(rows, head, locale) {
  const body = rows
    .map((r) => `<tr data-file="${esc(r.path)}"><td><code>${esc(r.path)}</code></td><td>${r.size.toLocaleString(locale)}</td><td><code>${esc(r.sri)}</code></td></tr>`)
    .join("\n");
  return `<table>\n<thead><tr><th>${head[0]}</th><th>${head[1]}</th><th>${head[2]}</th></tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The script tag for the page, pinned to the version's folder and checked by the browser (SRI). */
function scriptTag(version, rows) {
  const entry = rows.find((r) => r.path === "regiewijzer.js");
  return `&lt;script type="module" src="/regiewijzer/${esc(version)}/regiewijzer.js"\n        integrity="${esc(entry?.sri ?? "")}"&gt;&lt;/script&gt;`;
}

const NL_HEAD = ["Bestand", "Bytes", "Controlewaarde SHA-384 (voor <code>integrity</code>)"];
const EN_HEAD = ["File", "Bytes", "SHA-384 (Subresource Integrity)"];

const ELEMENT = `&lt;form method="post" action="/melding"&gt;
  &lt;regie-wijzer name="triage" required&gt;
    &lt;p slot="fallback"&gt;…&lt;/p&gt;
  &lt;/regie-wijzer&gt;
  &lt;button&gt;Verstuur&lt;/button&gt;
&lt;/form&gt;`;

/** The whole page. `rows`: the files a page loads ({path, size, sri}); `csp`: the directives to add. */
export function adminPage({ version, rows, csp }) {
  const v = esc(version);
  const cspText = esc(csp.join("; "));
  const page = rows.filter((r) => !r.path.startsWith("core/"));
  const compiler = rows.filter((r) => r.path.startsWith("core/"));
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Regiewijzer ${v}: zelf hosten / self-hosting</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
pre, code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
pre { background: #f4f4f4; padding: .75rem; white-space: pre-wrap; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: .25rem .5rem; text-align: left; vertical-align: top; }
</style>
</head>
<body>
<main>
<h1>Regiewijzer ${v} op uw eigen website</h1>
<p>Dit archief bevat de beslisondersteuning <code>&lt;regie-wijzer&gt;</code>, versie ${v}, om op de webserver van
uw portaal te zetten. Alles draait in de browser van de medewerker; er wordt niets naar ons of naar anderen
verstuurd. Uw server hoeft niets anders te doen dan deze bestanden te serveren.</p>

<h2>1. Zet de bestanden neer</h2>
<p>Zet de map <code>${v}/</code> uit dit archief op de webserver, onder <code>/regiewijzer/</code>, zodat de bestanden
bereikbaar zijn als <code>/regiewijzer/${v}/regiewijzer.js</code>. Houd de bestanden bij elkaar (ook de map
<code>core/</code>): ze laden elkaar met hun namen. De server moet <code>.wasm</code> serveren met het type
<code>application/wasm</code> en <code>.js</code> met <code>text/javascript</code>.</p>
<p>Elke pagina met het element laadt deze bestanden:</p>
${table(page, NL_HEAD, "nl-NL")}
<p>Deze laadt alleen een pagina die eigen regels opgeeft met <code>rules="…"</code> (de regelcompiler):</p>
${table(compiler, NL_HEAD, "nl-NL")}
<p><code>LICENSE</code> (de EUPL-1.2) en
<code>THIRD-PARTY-NOTICES.md</code> (de licenties van code van anderen in de WebAssembly-bestanden) horen bij elke
kopie: laat ze in de map staan.</p>

<h2>2. Neem het element op in een pagina</h2>
<p>Eén regel in de <code>&lt;head&gt;</code> van de pagina (de browser controleert het bestand met de controlewaarde):</p>
<pre>${scriptTag(version, rows)}</pre>
<p>En het element in het formulier; het formulier verstuurt dan een veld <code>triage</code> met de antwoorden, het
advies en het besluit als JSON:</p>
<pre>${ELEMENT}</pre>
<p>Zet in het element, met <code>slot="fallback"</code>, wat de medewerker moet doen als de beslisondersteuning
niet kan starten (bijvoorbeeld een link naar de papieren lijst); dat wordt alleen dan getoond.</p>

<h2>3. Content-Security-Policy</h2>
<p>Heeft de pagina een Content-Security-Policy, dan moet die dit toestaan (voeg het toe aan de bestaande
regels; staan de bestanden op een ander domein, zet dat domein dan in plaats van <code>'self'</code>):</p>
<pre>${cspText}</pre>
<p><code>'wasm-unsafe-eval'</code> staat alleen WebAssembly toe, geen <code>eval</code> van JavaScript. Zonder dat zegt de
widget dat hij niet kan starten en toont hij die tekst met <code>slot="fallback"</code>; het formulier blijft
werken.</p>

<h2>4. Een versie vastzetten en bijwerken</h2>
<p>De versie staat in de map: een pagina die <code>/regiewijzer/${v}/</code> laadt, blijft precies deze versie gebruiken.
Bijwerken: zet de map van de nieuwe versie naast de oude, pas in de pagina het pad en de
<code>integrity</code>-waarde aan (die staan in <code>LEESMIJ.html</code> van het nieuwe archief), test de pagina, en
haal de oude map pas daarna weg. Lees eerst <code>CHANGELOG.md</code> (Engelstalig, in dit archief): een
wijziging waarop uw portaal of de ontvangende kant moet reageren, is daar gemarkeerd met het woord
<em>Breaking</em>. Zo'n wijziging verhoogt het eerste getal van de versie (zolang dat 0 is: het tweede, van 0.1.x
naar 0.2.0); een versie die alleen het laatste getal verhoogt, kunt u zonder aanpassingen overnemen.</p>

<h2>5. De controlewaarden nagaan</h2>
<p><code>SHA384SUMS</code> bevat de SHA-384 van elk bestand (hexadecimaal), <code>integrity.json</code> dezelfde
waarden in de vorm die het attribuut <code>integrity</code> gebruikt. Controleer na het uitpakken, in de map van dit
bestand:</p>
<pre>sha384sum -c SHA384SUMS            # Linux
shasum -a 384 -c SHA384SUMS        # macOS
Get-FileHash -Algorithm SHA384 ${v}\\regiewijzer.js   # Windows PowerShell: vergelijk met SHA384SUMS</pre>
<p>De browser controleert zelf <code>regiewijzer.js</code> met de <code>integrity</code>-waarde; de andere bestanden
laadt dat script, zonder controle door de browser: controleer ze daarom na het neerzetten met
<code>SHA384SUMS</code>.</p>

<hr>

<h1 lang="en">Regiewijzer ${v} on your own website</h1>
<div lang="en">
<p>This archive holds the <code>&lt;regie-wijzer&gt;</code> decision support, version ${v}, to put on your portal's web
server. Everything runs in the professional's browser; nothing is sent to us or to anyone else. Your server
only serves these files.</p>

<h2>1. Put the files in place</h2>
<p>Put the folder <code>${v}/</code> from this archive on the web server under <code>/regiewijzer/</code>, so that
the files are reachable as <code>/regiewijzer/${v}/regiewijzer.js</code>. Keep the files together (the folder
<code>core/</code> too): they load each other by name. The server must serve <code>.wasm</code> as
<code>application/wasm</code> and <code>.js</code> as <code>text/javascript</code>.</p>
<p>Every page with the element loads these files:</p>
${table(page, EN_HEAD, "en-GB")}
<p>Only a page that gives rules of its own with <code>rules="…"</code> loads these (the rules compiler):</p>
${table(compiler, EN_HEAD, "en-GB")}
<p><code>LICENSE</code> (the EUPL-1.2) and
<code>THIRD-PARTY-NOTICES.md</code> (the licences of code by others in the WebAssembly files) go with every copy:
leave them in the folder.</p>

<h2>2. Include the element in a page</h2>
<p>One line in the page's <code>&lt;head&gt;</code> (the browser checks the file against the hash):</p>
<pre>${scriptTag(version, rows)}</pre>
<p>And the element in the form; the form then posts a field <code>triage</code> with the answers, the advice and
the decision as JSON:</p>
<pre>${ELEMENT}</pre>
<p>Put in <code>slot="fallback"</code> what the professional should do when the decision support cannot start (for
example a link to the paper checklist).</p>

<h2>3. Content-Security-Policy</h2>
<p>If the page has a Content-Security-Policy, it must allow this (add it to the existing directives; if the files
are on another domain, name that domain instead of <code>'self'</code>):</p>
<pre>${cspText}</pre>
<p><code>'wasm-unsafe-eval'</code> allows WebAssembly only, no JavaScript <code>eval</code>. Without it the widget says
that it cannot start and shows the fallback; the form keeps working.</p>

<h2>4. Pin a version and update</h2>
<p>The version is in the folder's name: a page that loads <code>/regiewijzer/${v}/</code> keeps using exactly this
version. To update: put the new version's folder beside the old one, change the path and the
<code>integrity</code> value in the page (the new archive's <code>LEESMIJ.html</code> has them), test the page, and
only then remove the old folder. Read <code>CHANGELOG.md</code> (in this archive) first: a change your portal or
the receiving side must act on is marked <em>Breaking</em> there. Such a change raises the first number of the
version (while that is 0: the second, from 0.1.x to 0.2.0); a version that raises only the last number can be
taken over without changes.</p>

<h2>5. Check the hashes</h2>
<p><code>SHA384SUMS</code> has the SHA-384 of every file (hexadecimal), <code>integrity.json</code> the same hashes
in the form of Subresource Integrity. After unpacking, in the folder of this file:</p>
<pre>sha384sum -c SHA384SUMS            # Linux
shasum -a 384 -c SHA384SUMS        # macOS
Get-FileHash -Algorithm SHA384 ${v}\\regiewijzer.js   # Windows PowerShell: compare with SHA384SUMS</pre>
<p>The browser checks <code>regiewijzer.js</code> itself against the <code>integrity</code> value; the other files
are loaded by that script without a check by the browser: so check them with <code>SHA384SUMS</code> after
putting them in place.</p>
</div>
</main>
</body>
</html>
`;
}
