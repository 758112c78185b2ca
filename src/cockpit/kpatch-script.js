// The panel: one "kpatch-script report --format json" for the first paint (the verdict as soon as
// possible), then what is slower (the same report with --check-updates, which asks dnf; the
// workflow list). Changes show what they will do and run on confirmation (changes.js); every
// action's outcome shows in its own card and is announced. The page is updated in place (dom.js
// update), so focus stays on the control the user pressed, or moves to the outcome when it is gone.
import { run, runJson, jsonOf, readReport, SCHEMA } from "./cli.js";
import { el, replace, update } from "./dom.js";
import { _, format } from "./i18n.js";
import * as render from "./render.js";
import { exposureCard } from "./render-exposure.js";
import { changeActions, messageOf } from "./changes.js";

const state = {
    admin: null, // cockpit.permission({ admin: true }).allowed: null until known
    report: null,
    loading: false, // the report is being read
    loadError: null,
    updates: null, // null, "checking", "checked" or { error }
    verification: null, // from "Run verification now" (its verdict is the one on screen); null: the report's
    verifiedAt: null,
    verifiedUpdates: false,
    workflows: null,
    workflowsError: null,
    busy: null, // the action running or previewed: install, update, remove, downgrade, auto-update-*, verify, report, workflow
    change: null, // the change being previewed, run or stopped (changes.js)
    results: {}, // card id -> { kind, title, text }: the outcome of that card's last action
    run: null, // the workflow being run: { workflow, phase, dry, real, error }
    notices: [],
};

// A reload started after another one wins: results of the older one are dropped.
let generation = 0;
let nextNotice = 1;
let pendingFocus = null;
let drawQueued = false;

// What the browser test reads (ms since navigation start): first-read.js and this script running,
// the first report asked for and answered, and the verdict first on screen.
const timings = window.kpatchScriptPanel.timings;
timings.script = performance.now();
// The first report, started by first-read.js before this module loaded: taken over by the first load().
const firstRead = window.kpatchScriptPanel.firstRead;

const changes = changeActions({
    state,
    draw: () => draw(),
    drawSoon,
    reload: () => load(),
    focus: selector => { pendingFocus = selector },
    announce,
});

const actions = {
    preview: changes.preview,
    confirm: changes.confirm,
    dismissPreview: changes.dismissPreview,
    stop: changes.stop,
    verify: verifyNow,
    dryRun: workflow => runWorkflow(workflow),
    confirmRun: confirmWorkflow,
    cancelRun: () => {
        const name = state.run && state.run.workflow.name;
        state.run = null;
        pendingFocus = name ? `[data-key="dry-run-${CSS.escape(name)}"]` : "#workflows-title";
        draw();
    },
    dismiss: card => { state.results[card] = null; pendingFocus = `#${card}-title`; draw() },
    report: openReport,
    refresh: () => load(),
};

/** Says `text` through the page's live region (index.html #announcer), as a screen reader user expects after an action. */
function announce(text) {
    const region = document.getElementById("announcer");
    region.textContent = "";
    // A change of text after a tick is what screen readers announce reliably.
    window.setTimeout(() => { region.textContent = text }, 50);
}

function addNotice(kind, title, text) {
    state.notices.push({ id: nextNotice++, kind, title, text });
    announce(`${title}. ${text}`);
    draw();
}

// Progress lines arrive many at a time: one draw per frame.
function drawSoon() {
    if (drawQueued)
        return;
    drawQueued = true;
    window.requestAnimationFrame(() => { drawQueued = false; draw() });
}

function draw() {
    const app = document.getElementById("app");
    const focused = document.activeElement;
    const hadFocus = focused && focused !== document.body && app.contains(focused);
    const focusedCard = hadFocus ? focused.closest("section.ks-card") : null;
    app.dataset.state = state.report ? "ready" : state.loadError ? "error" : "loading";
    app.dataset.admin = String(state.admin);
    app.dataset.updates = state.updates === null ? "none" : typeof state.updates === "string" ? state.updates : "error";
    app.dataset.busy = state.busy || "";
    drawToolbar();
    drawNotices();
    const content = document.getElementById("content");
    if (!state.report) {
        replace(document.getElementById("host-line"), state.loadError ? _("kpatch-script did not answer.") : _("Reading the live patching state\u2026"));
        update(content, state.loadError
            ? render.notice("danger", _("The live patching state could not be read"), state.loadError.message, {
                id: "load-error",
                details: el("p", {}, el("button", { type: "button", class: "ks-button ks-button--secondary", id: "action-retry", onclick: actions.refresh }, _("Try again"))),
            })
            : render.loadingState());
    } else {
        const report = state.report;
        update(document.getElementById("host-line"), render.hostLine(report));
        const verification = state.verification || report.verification;
        // Two columns of about equal height on a wide screen, one after the other on a narrow one.
        update(content,
            render.verdictCard(report, state),
            el("div", { class: "ks-columns", id: "columns" },
                el("div", { class: "ks-column", id: "column-1" },
                    render.kernelCard(report, state),
                    render.patchesCard(report, verification),
                    render.cvesCard(report, state),
                    exposureCard(report),
                    render.settingsCard(report, state, actions)),
                el("div", { class: "ks-column", id: "column-2" },
                    render.packagesCard(report, state, actions),
                    render.verificationCard(verification, state, actions))),
            render.workflowsCard(state, actions),
            render.journalCard(report));
        if (timings.verdictShown === undefined)
            timings.verdictShown = performance.now();
    }
    placeFocus(hadFocus, focusedCard);
}

/**
 * Focus after a draw: where an action asked for it (its outcome, its preview), else where it was;
 * if that control is gone (Install after installing), on the title of its card, so the next Tab
 * stays there and the user is not sent back to the top of the page.
 */
function placeFocus(hadFocus, focusedCard) {
    if (pendingFocus) {
        const target = document.querySelector(pendingFocus);
        if (target) {
            pendingFocus = null;
            target.focus();
            target.scrollIntoView({ block: "nearest" });
            return;
        }
    }
    if (hadFocus && (document.activeElement === document.body || !document.activeElement)) {
        const cardTitle = focusedCard && focusedCard.id ? document.getElementById(`${focusedCard.id}-title`) : null;
        (cardTitle || document.getElementById("verdict-title") || document.querySelector("h1")).focus();
    }
}

function drawToolbar() {
    update(document.getElementById("toolbar"),
        render.actionButton("action-report", _("Open HTML report"), {
            admin: state.admin, busy: state.busy === "report", disabled: !state.report || Boolean(state.busy),
            why: state.busy ? render.busyWhy(state) : null, onclick: actions.report,
        }),
        // aria-disabled while it runs, not disabled: a disabled button drops the focus of the user who pressed it.
        el("span", { class: "ks-action", data: { key: "action-refresh-wrap" } },
            el("button", {
                type: "button", class: "ks-button ks-button--secondary", id: "action-refresh",
                aria: { disabled: state.busy || state.loading ? "true" : null },
                onclick: event => { if (event.currentTarget.getAttribute("aria-disabled") !== "true") actions.refresh() },
            }, state.loading ? el("span", { class: "ks-spinner ks-spinner--sm ks-spinner--inline", aria: { hidden: "true" } }) : null, _("Refresh"))));
}

function drawNotices() {
    const notices = state.notices.map(n => render.notice(n.kind, n.title, n.text, {
        key: `notice-${n.id}`,
        onclose: () => { state.notices = state.notices.filter(x => x.id !== n.id); pendingFocus = "#action-refresh"; draw() },
    }));
    if (state.admin === false) {
        notices.unshift(render.notice("info", _("Limited access: read only"),
            _("You can see the live patching state. Installing, updating, changing settings, verifying, running workflows and opening reports need administrative access: turn it on with the \u201cLimited access\u201d button in the top bar."),
            { id: "admin-hint" }));
    }
    update(document.getElementById("notices"), notices);
}

/** Reads the report (fast: no dnf), draws it, then checks for updates and lists the workflows. */
async function load() {
    const mine = ++generation;
    state.loading = true;
    state.loadError = null; // "Try again": the spinner, not the old error, while it runs
    draw();
    try {
        // The first load takes over first-read.js's call; a reload ("Try again" too) starts its own.
        const started = firstRead.report;
        firstRead.report = null;
        // The manifests (the time limits of every call) are loaded before any other call starts.
        await firstRead.manifests;
        const report = await (started || readReport());
        timings.reportAnswered ??= performance.now();
        if (mine !== generation)
            return;
        state.loading = false;
        state.report = report;
        state.loadError = null;
        state.verification = null;
        state.verifiedAt = null;
        state.updates = "checking";
    } catch (error) {
        if (mine !== generation)
            return;
        state.loading = false;
        state.loadError = error;
        state.report = null;
        pendingFocus = "#action-retry";
        announce(`${_("The live patching state could not be read")}. ${error.message}`);
        draw();
        return;
    }
    draw();
    await Promise.all([checkUpdates(mine), listWorkflows(mine)]);
}

async function checkUpdates(mine) {
    try {
        const report = await runJson(["report", "--format", "json", "--check-updates"], { schema: SCHEMA.report });
        if (mine !== generation)
            return;
        state.report = report;
        state.updates = "checked";
    } catch (error) {
        if (mine !== generation)
            return;
        state.updates = { error: error.message };
    }
    draw();
}

async function listWorkflows(mine) {
    try {
        const listing = await runJson(["workflows", "list", "--json"], { schema: SCHEMA.workflows });
        if (mine !== generation)
            return;
        state.workflows = listing;
        state.workflowsError = null;
    } catch (error) {
        if (mine !== generation)
            return;
        state.workflowsError = error.message;
    }
    draw();
}

async function verifyNow() {
    state.busy = "verify";
    state.results.verification = null;
    draw();
    const show = (verification) => {
        state.verification = verification;
        state.verifiedUpdates = state.updates === "checked";
        state.verifiedAt = new Date();
    };
    let result = null;
    try {
        // verify's exit status is its verdict (Nagios: 0 covered, 1 action needed, 2 not covered), an
        // answer. 3 is no full answer: the host could not be read (stderr says why, stdout is empty;
        // an error here, and the verdict on screen stays what it was), or a plugin's check got none.
        // With the updates when the report had them: the same question, so the same verdict.
        const verification = await runJson(["verify", "--json", ...(state.updates === "checked" ? ["--check-updates"] : [])], { superuser: "require", okExitStatuses: [0, 1, 2], schema: SCHEMA.verification, limit: "change" });
        show(verification);
        result = { kind: "info", title: _("Verification done"), text: verification.verdict.summary };
    } catch (error) {
        // 3 with a report on stdout: a plugin's check got no answer (its process ended, crashed or
        // hung). The verdict it leaves (never better than not covered) is shown, and the result names them.
        const incomplete = error.exitStatus === 3 ? jsonOf(error, SCHEMA.verification) : null;
        if (incomplete && incomplete.verdict && Array.isArray(incomplete.unanswered)) {
            show(incomplete);
            result = { kind: "danger", title: _("Verification incomplete"), text: format(_("No answer from $0: see the failed checks."), incomplete.unanswered.join(", ")) };
        } else {
            result = { kind: "danger", title: error.exitStatus === 3 ? _("kpatch-script verify could not read the host") : _("kpatch-script verify failed"), text: messageOf(error) };
        }
    } finally {
        state.busy = null;
    }
    state.results.verification = result;
    announce(`${result.title}. ${result.text}`);
    // The button stays focused (it is still there): the outcome is announced and shown under the checks.
    draw();
}

// Workflows run in the home directory, as in a terminal after login (the bridge's own working
// directory is its cache directory): a script's relative output paths land there.
async function homeDirectory() {
    const user = await cockpit.user();
    return user.home;
}

async function runWorkflow(workflow) {
    state.busy = "workflow";
    state.run = { workflow, phase: "dry-running", dry: null, real: null, error: null, directory: null };
    draw();
    try {
        state.run.directory = await homeDirectory();
        // A script's exit status is its own answer: show it, do not treat it as a failure of the panel.
        state.run.dry = await run(["run", workflow.path, "--dry-run"], { superuser: "require", okExitStatuses: scriptExitStatuses, directory: state.run.directory, limit: null });
        state.run.phase = "dry-run-done";
        pendingFocus = "#workflow-dry-run-output";
        announce(`${workflow.name}: ${_("dry run finished")}, exit ${state.run.dry.exitStatus}.`);
    } catch (error) {
        state.run.error = error.message;
        state.run.phase = "failed";
        pendingFocus = "#workflow-error";
        announce(`${workflow.name}: ${error.message}`);
    } finally {
        state.busy = null;
    }
    draw();
}

async function confirmWorkflow() {
    const current = state.run;
    if (!current || current.phase !== "dry-run-done")
        return;
    state.busy = "workflow";
    current.phase = "running";
    pendingFocus = "#workflow-run";
    draw();
    try {
        current.real = await run(["run", current.workflow.path], { superuser: "require", okExitStatuses: scriptExitStatuses, directory: current.directory, limit: null });
        current.phase = "done";
        announce(`${current.workflow.name}: ${_("run finished")}, exit ${current.real.exitStatus}.`);
    } catch (error) {
        current.error = error.message;
        current.phase = "failed";
        announce(`${current.workflow.name}: ${error.message}`);
    } finally {
        state.busy = null;
    }
    pendingFocus = current.real ? "#workflow-run-output" : "#workflow-error";
    // A workflow may have changed the host: read it again (the run's output stays).
    await load();
}

// Every exit status a script can return (0-255); a missing program or a denied call is still an error.
const scriptExitStatuses = Array.from({ length: 256 }, (_unused, i) => i);

async function openReport() {
    state.busy = "report";
    // Opened at the click, so that popup blockers allow it; filled when the report is rendered.
    const target = window.open("", "_blank");
    draw();
    try {
        // With the updates when the panel could check them, so its verdict is the report's verdict
        // the panel showed (after "Run verification now" the panel shows verify's instead).
        const result = await run(["report", "--format", "html", ...(state.updates === "checked" ? ["--check-updates"] : [])], { superuser: "try" });
        if (target)
            showReport(target, result.stdout);
        else
            addNotice("warning", _("The report could not open in a new window"), _("Allow pop-ups for this page, then open it again."));
    } catch (error) {
        if (target)
            target.close();
        addNotice("danger", _("kpatch-script report --format html failed"), error.message);
    } finally {
        state.busy = null;
    }
    draw();
}

/**
 * Shows the self-contained HTML report in `target` (a blank window of this origin). A new window
 * inherits this page's Content-Security-Policy, which refuses the report's <style> element: its
 * rules are applied as a constructed stylesheet instead (CSSOM, not markup). The <style> elements
 * are cut from the text before parsing (a style element's content ends at the first </style>, as
 * the HTML tokenizer has it), so not even the inert parse meets them; the body is imported from
 * that parse (the report has no scripts, and DOMParser would run none).
 */
function showReport(target, html) {
    const css = [];
    const rest = html.replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_match, rules) => { css.push(rules); return "" });
    const parsed = new DOMParser().parseFromString(rest, "text/html");
    parsed.querySelectorAll("script").forEach(script => script.remove());
    const sheet = new target.CSSStyleSheet();
    sheet.replaceSync(css.join("\n"));
    const doc = target.document;
    doc.title = parsed.title;
    doc.documentElement.lang = parsed.documentElement.lang || "en";
    doc.adoptedStyleSheets = [sheet];
    doc.body.replaceWith(doc.importNode(parsed.body, true));
}

function watchPermission() {
    const permission = cockpit.permission({ admin: true });
    state.admin = permission.allowed;
    permission.addEventListener("changed", () => {
        state.admin = permission.allowed;
        draw();
    });
}

// The static words of index.html, in the session's language.
cockpit.translate();
// The report first: the verdict is what the page is for; the access check runs alongside.
load();
watchPermission();
