// The panel: one "kpatch-script report --format json" for the first paint (the verdict as soon as
// possible), then what is slower (the same report with --check-updates, which asks dnf; the
// workflow list). Actions run kpatch-script verbs with superuser "require" and show their errors
// inline; without administrative access they are disabled and say why.
import { run, runJson, jsonOf } from "./cli.js";

// The schema_version of each document this panel reads (report.schema.json, verification.schema.json,
// the workflows listing): a kpatch-script that answers another version is shown as an error.
const SCHEMA = { report: 1, verification: 2, workflows: 1 };
import { el, replace } from "./dom.js";
import * as render from "./render.js";

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
    busy: null, // the action running: install, update, auto-update, verify, report, workflow
    run: null, // the workflow being run: { workflow, phase, dry, real, error }
    notices: [],
};

// A reload started after another one wins: results of the older one are dropped.
let generation = 0;
let nextNotice = 1;

// What the browser test reads (ms since navigation start): this script running, the first report
// asked for and answered, and the verdict first on screen.
window.kpatchScriptPanel = { timings: { script: performance.now() } };
const timings = window.kpatchScriptPanel.timings;

const actions = {
    install: () => packageChange("install"),
    update: () => packageChange("update"),
    // Cockpit's own choices (Software Updates, "Apply kernel live patches"): for current and future
    // kernels (dnf kpatch auto) or for the current kernel only (dnf kpatch manual, then its patch);
    // turning on also enables kpatch.service, turning off keeps it (patches still load at boot).
    autoUpdate: (on, kernels = "all") => change("auto-update",
        on ? ["auto-update", "on", "--kernels", kernels, "--json"] : ["auto-update", "off", "--json"],
        on ? `Live patches applied for ${kernels === "all" ? "current and future kernels" : "the current kernel only"}` : "Automatic updates turned off"),
    verify: verifyNow,
    dryRun: workflow => runWorkflow(workflow),
    confirmRun: confirmWorkflow,
    cancelRun: () => { state.run = null; draw() },
    report: openReport,
    refresh: () => load(),
};

function addNotice(kind, title, text) {
    state.notices.push({ id: nextNotice++, kind, title, text });
    draw();
}

function draw() {
    const app = document.getElementById("app");
    app.dataset.state = state.report ? "ready" : state.loadError ? "error" : "loading";
    app.dataset.admin = String(state.admin);
    app.dataset.updates = state.updates === null ? "none" : typeof state.updates === "string" ? state.updates : "error";
    drawToolbar();
    drawNotices();
    const content = document.getElementById("content");
    if (!state.report) {
        replace(document.getElementById("host-line"), state.loadError ? "kpatch-script did not answer." : "Reading the live patching state\u2026");
        replace(content, state.loadError
            ? render.notice("danger", "The live patching state could not be read", state.loadError.message, {
                id: "load-error",
                details: el("p", {}, el("button", { type: "button", class: "ks-button ks-button--secondary", id: "action-retry", onclick: actions.refresh }, "Try again")),
            })
            : render.loadingState());
        return;
    }

    const report = state.report;
    replace(document.getElementById("host-line"), render.hostLine(report));
    const verification = state.verification || report.verification;
    // Two columns of about equal height on a wide screen, one after the other on a narrow one.
    replace(content,
        render.verdictCard(report, state),
        el("div", { class: "ks-columns" },
            el("div", { class: "ks-column" },
                render.kernelCard(report),
                render.patchesCard(report, verification),
                render.cvesCard(report, state),
                render.settingsCard(report, state, actions)),
            el("div", { class: "ks-column" },
                render.packagesCard(report, state, actions),
                render.verificationCard(verification, state, actions))),
        render.workflowsCard(state, actions),
        render.journalCard(report));
    if (timings.verdictShown === undefined)
        timings.verdictShown = performance.now();
}

function drawToolbar() {
    replace(document.getElementById("toolbar"),
        render.actionButton("action-report", "Open HTML report", {
            admin: state.admin, busy: state.busy === "report", disabled: !state.report || Boolean(state.busy), onclick: actions.report,
        }),
        el("button", { type: "button", class: "ks-button ks-button--secondary", id: "action-refresh", onclick: actions.refresh, disabled: Boolean(state.busy) || state.loading },
            state.loading ? el("span", { class: "ks-spinner ks-spinner--sm ks-spinner--inline", aria: { hidden: "true" } }) : null, "Refresh"));
}

function drawNotices() {
    const notices = state.notices.map(n => render.notice(n.kind, n.title, n.text, {
        onclose: () => { state.notices = state.notices.filter(x => x.id !== n.id); draw() },
    }));
    if (state.admin === false) {
        notices.unshift(render.notice("info", "Limited access: read only",
            "You can see the live patching state. Installing, updating, changing settings, verifying, running workflows and opening reports need administrative access: turn it on with the \u201cLimited access\u201d button in the top bar.",
            { id: "admin-hint" }));
    }
    replace(document.getElementById("notices"), notices);
}

/** Reads the report (fast: no dnf), draws it, then checks for updates and lists the workflows. */
async function load() {
    const mine = ++generation;
    state.loading = true;
    state.loadError = null; // "Try again": the spinner, not the old error, while it runs
    draw();
    try {
        timings.reportAsked ??= performance.now();
        const report = await runJson(["report", "--format", "json"], { schema: SCHEMA.report });
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

/**
 * Runs a change (superuser "require"), says how it went, then reads the host again. An outcome
 * "unchanged" (dnf had nothing to do) is a no-op, not a change: it gets `unchangedTitle` and the
 * CLI's detail, never `successTitle`.
 */
async function change(busy, args, successTitle, unchangedTitle = "Nothing to change") {
    state.busy = busy;
    draw();
    try {
        const result = await runJson(args, { superuser: "require" });
        if (result.outcome === "unchanged")
            addNotice("info", unchangedTitle, `${result.operation}: nothing to do on ${result.target}: ${result.detail}`);
        else
            addNotice("success", successTitle, `${result.operation} on ${result.target}: ${result.commands.map(c => c.join(" ")).join("; ")} (${(result.duration_ms / 1000).toFixed(1)} s)`);
    } catch (error) {
        const printed = jsonOf(error);
        addNotice("danger", `kpatch-script ${args.slice(0, args[0] === "auto-update" ? 2 : 1).join(" ")} failed`,
            printed && printed.error && !error.message.includes(printed.error) ? `${error.message} (${printed.error})` : error.message);
    } finally {
        state.busy = null;
    }
    await load();
}

function packageChange(verb) {
    const running = state.report.status.kernel.running; // the buttons exist only with a report
    const kernel = render.isUnknown(running) ? "the running kernel" : running;
    return change(verb, [verb, "--json"], `Live patch ${verb === "install" ? "installed" : "updated"} for ${kernel}`, "Already up to date");
}

async function verifyNow() {
    state.busy = "verify";
    draw();
    const show = (verification) => {
        state.verification = verification;
        state.verifiedUpdates = state.updates === "checked";
        state.verifiedAt = new Date();
    };
    try {
        // verify's exit status is its verdict (Nagios: 0 covered, 1 action needed, 2 not covered), an
        // answer. 3 is no full answer: the host could not be read (stderr says why, stdout is empty;
        // an error here, and the verdict on screen stays what it was), or a plugin's check got none.
        // With the updates when the report had them: the same question, so the same verdict.
        show(await runJson(["verify", "--json", ...(state.updates === "checked" ? ["--check-updates"] : [])], { superuser: "require", okExitStatuses: [0, 1, 2], schema: SCHEMA.verification }));
    } catch (error) {
        // 3 with a report on stdout: a plugin's check got no answer (its process ended, crashed or
        // hung). The verdict it leaves (never better than not covered) is shown, and the notice names them.
        const incomplete = error.exitStatus === 3 ? jsonOf(error, SCHEMA.verification) : null;
        if (incomplete && incomplete.verdict && Array.isArray(incomplete.unanswered)) {
            show(incomplete);
            addNotice("danger", "Verification incomplete", `No answer from ${incomplete.unanswered.join(", ")}: see the failed checks.`);
        } else {
            addNotice("danger", error.exitStatus === 3 ? "kpatch-script verify could not read the host" : "kpatch-script verify failed", error.message);
        }
    } finally {
        state.busy = null;
    }
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
        state.run.dry = await run(["run", workflow.path, "--dry-run"], { superuser: "require", okExitStatuses: scriptExitStatuses, directory: state.run.directory });
        state.run.phase = "dry-run-done";
    } catch (error) {
        state.run.error = error.message;
        state.run.phase = "failed";
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
    draw();
    try {
        current.real = await run(["run", current.workflow.path], { superuser: "require", okExitStatuses: scriptExitStatuses, directory: current.directory });
        current.phase = "done";
    } catch (error) {
        current.error = error.message;
        current.phase = "failed";
    } finally {
        state.busy = null;
    }
    // A workflow may have changed the host: read it again (the run's output stays).
    await load();
}

// Every exit status a script can return (0-255); a missing program or a denied call is still an error.
const scriptExitStatuses = Array.from({ length: 256 }, (_, i) => i);

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
            addNotice("warning", "The report could not open in a new window", "Allow pop-ups for this page, then open it again.");
    } catch (error) {
        if (target)
            target.close();
        addNotice("danger", "kpatch-script report --format html failed", error.message);
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
    const rest = html.replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_, rules) => { css.push(rules); return "" });
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

// The report first: the verdict is what the page is for; the access check runs alongside.
load();
watchPermission();
