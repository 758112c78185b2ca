// Builds the panel's cards from the report model of "kpatch-script report --format json"
// (report.schema.json: verdict, status as status --json, verification as verify --json, journal,
// alerts). Pure DOM building: the state and the actions live in kpatch-script.js.
import { el } from "./dom.js";

const ADMIN_HINT = "This needs administrative access. Turn it on with the \u201cLimited access\u201d button in the top bar.";

/** A known value is the bare value; an unknown one is {"unknown": "reason"}. */
export function isUnknown(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && typeof value.unknown === "string";
}

function known(value, fallback = null) {
    return isUnknown(value) || value === undefined ? fallback : value;
}

/** The value through `format`, or "unknown" with its reason. */
function shown(value, format = v => String(v)) {
    if (isUnknown(value))
        return el("span", { class: "ks-unknown" }, label("unknown", "grey", { class: "ks-label--compact" }), el("span", { class: "ks-secondary" }, value.unknown));
    if (value === null || value === undefined)
        return el("span", { class: "ks-muted" }, "none");
    return format(value);
}

export function label(text, color, props = {}) {
    return el("span", { ...props, class: `ks-label ks-label--${color}${props.class ? " " + props.class : ""}` }, text);
}

const VERDICT_WORDS = { covered: "Covered", "action needed": "Action needed", "not covered": "Not covered" };
const VERDICT_COLORS = { covered: "green", "action needed": "orange", "not covered": "red", note: "grey" };
const RESULT_COLORS = { pass: "green", warn: "orange", fail: "red", skip: "grey" };

function card(id, title, body, { actions, wide, footer } = {}) {
    return el("section", { class: "ks-card" + (wide ? " ks-card--wide" : ""), id, aria: { labelledby: id + "-title" } },
        el("header", { class: "ks-card__header" },
            el("h2", { class: "ks-card__title", id: id + "-title" }, title),
            actions ? el("div", { class: "ks-card__actions" }, actions) : null),
        el("div", { class: "ks-card__body" }, body),
        footer ? el("footer", { class: "ks-card__footer" }, footer) : null);
}

function list(rows) {
    return el("dl", { class: "ks-dl" }, rows.filter(Boolean).map(([term, value, id]) => [
        el("dt", {}, term),
        el("dd", { id }, value),
    ]));
}

export function spinner(text, size = "sm") {
    return el("span", { class: "ks-inline-progress" },
        el("span", { class: `ks-spinner ks-spinner--${size}`, role: "progressbar", aria: { label: text } }), text);
}

/**
 * A button for an action. Without administrative access it is disabled and says why (title and
 * aria-describedby); while `busy` it shows a spinner.
 */
export function actionButton(id, text, { admin, busy, disabled, why, onclick, kind = "secondary", data } = {}) {
    const needsAdmin = admin !== true;
    const reason = needsAdmin ? (admin === null ? "Checking your access\u2026" : ADMIN_HINT) : why;
    return el("button", {
        id, type: "button", class: `ks-button ks-button--${kind}`, data,
        disabled: needsAdmin || busy || disabled,
        title: reason || null,
        aria: needsAdmin ? { describedby: "admin-hint" } : undefined,
        onclick,
    }, busy ? el("span", { class: "ks-spinner ks-spinner--sm ks-spinner--inline", aria: { hidden: "true" } }) : null, text);
}

/** While the first report is read: what the page is waiting for. */
export function loadingState() {
    return el("div", { class: "ks-empty-state", id: "loading" },
        el("span", { class: "ks-spinner ks-spinner--lg", role: "progressbar", aria: { label: "Loading" } }),
        el("p", {}, "Reading the live patching state (", el("code", {}, "kpatch-script report"), ")\u2026"));
}

export function notice(kind, title, text, { id, onclose, details } = {}) {
    return el("div", { class: `ks-alert ks-alert--${kind}`, role: kind === "danger" ? "alert" : "status", id, data: { kind } },
        el("span", { class: "ks-alert__icon", aria: { hidden: "true" } }, { danger: "!", warning: "!", success: "\u2713", info: "i" }[kind]),
        el("div", { class: "ks-alert__body" },
            el("p", { class: "ks-alert__title" }, title),
            text ? el("p", { class: "ks-alert__text" }, text) : null,
            details || null),
        onclose ? el("button", { type: "button", class: "ks-alert__close", title: "Dismiss", aria: { label: "Dismiss" }, onclick: onclose }, "\u00d7") : null);
}

export function hostLine(report) {
    const host = report.status.host;
    const name = known(host.hostname, report.target);
    const os = known(host.os);
    return [
        el("span", { id: "host-name" }, name),
        os && os.pretty_name ? ` \u00b7 ${os.pretty_name}` : "",
        ` \u00b7 ${report.target}`,
        ` \u00b7 kpatch-script ${report.tool_version}`,
    ];
}

/**
 * The verdict on screen: the one of the last "Run verification now" (the same judge, with a patch
 * in transition watched), else the report's; never both, so the page shows one verdict.
 */
export function verdictCard(report, view) {
    const verified = Boolean(view.verification);
    const verdict = verified ? view.verification.verdict : report.verdict;
    const color = VERDICT_COLORS[verdict.state] || "grey";
    const reasons = verdict.reasons.map(reason =>
        el("li", { class: "ks-reason", data: { code: reason.code, level: reason.level } },
            label(reason.level === "note" ? "note" : VERDICT_WORDS[reason.level] || reason.level, VERDICT_COLORS[reason.level] || "grey", { class: "ks-label--compact" }),
            el("span", {}, reason.text)));
    return el("section", { class: `ks-card ks-card--wide ks-verdict ks-verdict--${color}`, id: "verdict", data: { state: verdict.state, source: verified ? "verify" : "report" }, aria: { labelledby: "verdict-label" } },
        el("div", { class: "ks-verdict__head" },
            el("span", { class: `ks-verdict__badge ks-label ks-label--filled-${color}`, id: "verdict-label" }, VERDICT_WORDS[verdict.state] || verdict.state),
            el("p", { class: "ks-verdict__summary", id: "verdict-summary" }, verdict.summary)),
        reasons.length ? el("ul", { class: "ks-reasons", id: "verdict-reasons" }, reasons) : null,
        alertsList(report.alerts),
        el("p", { class: "ks-verdict__meta", id: "verdict-source" }, verified ? verifiedSource(view) : reportSource(report, view)));
}

// Where the verdict on screen comes from: verify asks dnf too when the report did (--check-updates).
function verifiedSource(view) {
    const updates = view.verifiedUpdates ? "the repositories were asked for updates" : "the repositories were not asked for updates";
    return `Verdict of the verification at ${view.verifiedAt.toLocaleTimeString()} (a patch in transition was watched; ${updates}). Refresh shows the report's verdict again.`;
}

function reportSource(report, view) {
    const updates = view.updates === "checking"
        ? spinner("Asking the repositories for newer live patches\u2026")
        : view.updates && view.updates.error
            ? el("span", { class: "ks-muted", id: "updates-error" }, "Updates could not be checked: ", view.updates.error)
            : view.updates === "checked" ? el("span", { class: "ks-muted" }, "Updates checked.") : null;
    return [`Report of ${new Date(report.generated_at).toLocaleString()}. `, updates];
}

function alertsList(alerts) {
    const active = alerts && Array.isArray(alerts.active) ? alerts.active : [];
    if (active.length === 0)
        return null;
    const colors = { critical: "red", warning: "orange", info: "blue" };
    return el("div", { class: "ks-alerts", id: "alerts" },
        el("h3", { class: "ks-subheading" }, "Active alerts"),
        el("ul", { class: "ks-plain-list" }, active.map(a =>
            el("li", { data: { rule: a.rule } }, label(a.severity, colors[a.severity] || "grey", { class: "ks-label--compact" }), " ", a.summary))));
}

const REBOOT_WORDS = { no: "Not needed", yes: "Reboot due", "yes-but-live-patched": "Recommended at the next window (live patched meanwhile)" };

export function kernelCard(report) {
    const kernel = report.status.kernel;
    const livepatch = report.status.livepatch;
    const reboot = shown(kernel.reboot, r => [
        label(REBOOT_WORDS[r.advice] || r.advice, r.advice === "no" ? "green" : r.advice === "yes" ? "orange" : "blue", { id: "reboot-advice", data: { advice: r.advice } }),
        el("span", { class: "ks-secondary" }, r.reason)]);
    const window = shown(kernel.support_window, w => {
        const color = w.days_left < 0 ? "red" : w.days_left <= 30 ? "orange" : "green";
        const days = w.days_left < 0 ? `ended ${-w.days_left} days ago` : `${w.days_left} days left`;
        return [
            el("span", { id: "support-ends" }, `until ${w.ends}`), " ",
            label(days, color, { id: "support-days-left", data: { days: w.days_left } }),
            w.estimate ? el("span", { class: "ks-secondary", title: w.basis }, `Estimate: ${w.basis}`) : el("span", { class: "ks-secondary" }, w.basis)];
    });
    const support = shown(livepatch.support, s => [label(s.supported ? "Supported" : "Not supported", s.supported ? "green" : "red"), el("span", { class: "ks-secondary" }, s.reason)]);
    return card("kernel", "Kernel", list([
        ["Running kernel", shown(kernel.running, v => el("code", {}, v)), "kernel-running"],
        ["Newest installed", shown(kernel.newest, v => el("code", {}, v)), "kernel-newest"],
        ["Reboot", reboot, "kernel-reboot"],
        ["Live patch support", window, "kernel-support-window"],
        ["Livepatch in kernel", support, "kernel-livepatch"],
    ]));
}

/** Each patch with its state: enabled, in transition, stalled (the transition check failed: the blocking tasks), disabled. */
export function patchesCard(report, verification) {
    const livepatch = report.status.livepatch;
    const patches = known(livepatch.patches);
    const tasks = known(livepatch.transition_tasks, []);
    const transitionCheck = (verification.checks || []).find(c => c.name === "transition");
    const stalled = transitionCheck && transitionCheck.result === "fail";
    let body;
    if (isUnknown(livepatch.patches)) {
        body = shown(livepatch.patches);
    } else if (patches.length === 0) {
        body = el("p", { class: "ks-muted", id: "patches-empty" }, "No live patch is loaded.");
    } else {
        body = el("table", { class: "ks-table", id: "patches-table" },
            el("thead", {}, el("tr", {}, el("th", {}, "Patch"), el("th", {}, "State"), el("th", {}, "Patches"))),
            el("tbody", {}, patches.map(patch => patchRow(patch, tasks.filter(t => t.patch === patch.name), stalled, transitionCheck))));
    }
    const inactive = known(livepatch.inactive_modules, []);
    return card("patches", "Live patches", [
        body,
        inactive.length ? el("p", { class: "ks-secondary", id: "inactive-modules" },
            "Modules still loaded whose patch left sysfs (disabled or replaced): ", inactive.map(m => m.name || m).join(", ")) : null,
    ]);
}

function patchRow(patch, tasks, stalled, transitionCheck) {
    const inTransition = known(patch.transition) === true;
    const enabled = known(patch.enabled);
    const state = inTransition ? (stalled ? "stalled" : "in transition") : enabled === false ? "disabled" : enabled ? "enabled" : "unknown";
    const color = { enabled: "green", "in transition": "blue", stalled: "red", disabled: "orange", unknown: "grey" }[state];
    const objects = known(patch.objects, []);
    const functions = objects.flatMap(o => (o.functions || []).map(f => `${o.name}:${f.name}`));
    const row = el("tr", { data: { patch: patch.name, state } },
        el("td", { class: "ks-nowrap" }, el("code", {}, patch.name)),
        el("td", {}, label(state, color, { class: "ks-patch-state" }), el("span", { class: "ks-secondary" }, `kpatch list: ${known(patch.state, "unknown")}`)),
        el("td", { class: "ks-secondary" }, functions.length ? functions.join(", ") : "\u2014"));
    if (!inTransition)
        return row;
    const waiting = el("tr", { class: "ks-subrow", data: { blockersOf: patch.name } },
        el("td", { colspan: "3" },
            el("p", { class: "ks-subrow__title" }, stalled ? "Stalled: the transition waits for these tasks" : "In transition, waiting for these tasks"),
            tasks.length ? el("ul", { class: "ks-plain-list ks-blockers" }, tasks.map(t =>
                el("li", { data: { tid: t.tid } }, el("code", {}, t.command), ` (pid ${t.pid}, tid ${t.tid}, patch_state ${t.patch_state})`))) : el("p", { class: "ks-muted" }, "No blocking task was found."),
            transitionCheck ? el("p", { class: "ks-secondary" }, transitionCheck.detail) : null,
            el("p", { class: "ks-secondary" }, "Wait, or reverse the patch (kpatch-script unload); kpatch-script never forces a transition.")));
    return [row, waiting];
}

function cveChips(values, color, id) {
    if (isUnknown(values))
        return el("span", { id }, shown(values));
    if (!values || values.length === 0)
        return el("span", { class: "ks-muted", id }, "none");
    return el("span", { class: "ks-chips", id }, values.map(cve => label(cve, color, { class: "ks-label--compact ks-cve" })));
}

export function cvesCard(report, view) {
    const coverage = report.status.coverage;
    const updates = known(coverage.updates);
    let available;
    if (view.updates === "checking" && !updates)
        available = spinner("Checking\u2026");
    else if (updates)
        available = cveChips([...new Set(updates.filter(u => u.for_running_kernel).flatMap(u => u.new_cves))].sort(), "blue", "cves-available");
    else
        available = el("span", { class: "ks-muted", id: "cves-available" },
            view.updates && view.updates.error ? "could not be checked" : view.updates === "checked" ? shown(coverage.updates) : "not checked yet");
    return card("cves", "CVEs", list([
        ["Fixed live now", cveChips(coverage.fixed_live_now, "green", "cves-fixed")],
        ["Installed, not live", cveChips(coverage.installed_not_live, "orange", "cves-not-live")],
        ["Available with updates", available],
    ]));
}

export function packagesCard(report, view, actions) {
    const status = report.status;
    const packages = known(status.packages);
    const running = known(status.kernel.running);
    const updates = known(status.coverage.updates);
    const forRunning = packages ? packages.filter(p => p.for_running_kernel) : [];
    const runningUpdates = updates ? updates.filter(u => u.for_running_kernel) : [];
    const installed = isUnknown(status.packages)
        ? shown(status.packages)
        : packages.length === 0
            ? el("p", { class: "ks-muted", id: "packages-empty" }, "No kpatch-patch package is installed.")
            : el("table", { class: "ks-table", id: "packages-table" },
                el("thead", {}, el("tr", {}, el("th", {}, "Package"), el("th", {}, "Kernel"), el("th", {}, "CVEs"))),
                el("tbody", {}, packages.map(p => el("tr", { data: { package: p.name } },
                    el("td", {}, el("code", {}, `${p.name}-${p.version}-${p.release}`)),
                    el("td", {}, shown(p.kernel_release), p.for_running_kernel ? label("running", "blue", { class: "ks-label--compact" }) : null),
                    el("td", {}, cveChips(p.cves, "grey"))))));
    const offered = updates && updates.length
        ? el("ul", { class: "ks-plain-list", id: "updates-list" }, updates.map(u =>
            el("li", { data: { package: u.name } },
                el("code", {}, `${u.name}-${u.version}-${u.release}`),
                ` for ${u.kernel_release}${u.for_running_kernel ? " (running)" : ""}; installed: ${u.installed_version || "none"}; adds: `,
                u.new_cves.length ? u.new_cves.join(", ") : "no new CVE")))
        : updates ? el("p", { class: "ks-muted", id: "updates-list" }, "No newer live patch in the repositories.") : null;
    const buttons = [];
    if (running && packages && forRunning.length === 0) {
        buttons.push(actionButton("action-install", "Install live patch", {
            kind: "primary", admin: view.admin, busy: view.busy === "install", disabled: Boolean(view.busy),
            why: view.busy ? "Another action is running." : null, onclick: actions.install,
        }));
    }
    if (forRunning.length > 0 && runningUpdates.length > 0) {
        buttons.push(actionButton("action-update", "Update live patch", {
            kind: "primary", admin: view.admin, busy: view.busy === "update", disabled: Boolean(view.busy),
            why: view.busy ? "Another action is running." : null, onclick: actions.update,
        }));
    }
    return card("packages", "Live patch packages", [
        installed,
        el("h3", { class: "ks-subheading" }, "Updates"),
        offered || (view.updates === "checking" ? spinner("Asking the repositories\u2026")
            : view.updates && view.updates.error ? el("p", { class: "ks-muted", id: "updates-list" }, "Could not be checked: ", view.updates.error)
                : view.updates === "checked" ? el("p", { id: "updates-list" }, shown(status.coverage.updates))
                    : el("p", { class: "ks-muted" }, "Not checked yet.")),
        buttons.length ? el("div", { class: "ks-action-row" }, buttons,
            running ? el("span", { class: "ks-secondary" }, `dnf, for kernel ${running}`) : null) : null,
    ]);
}

export function settingsCard(report, view, actions) {
    const tooling = report.status.kpatch;
    const dnf = known(tooling.dnf);
    const autoUpdate = dnf && dnf.installed ? known(dnf.auto_update) : null;
    const autoText = isUnknown(tooling.dnf) ? shown(tooling.dnf)
        : !dnf.installed ? el("span", { class: "ks-muted" }, "kpatch-dnf is not installed")
            : isUnknown(dnf.auto_update) ? shown(dnf.auto_update)
                : label(autoUpdate ? "On" : "Off", autoUpdate ? "green" : "grey", { id: "auto-update-state", data: { on: autoUpdate } });
    const switchOptions = (onclick, data) => ({
        admin: view.admin, busy: view.busy === "auto-update",
        disabled: Boolean(view.busy) || !dnf || !dnf.installed || autoUpdate === null,
        why: !dnf || !dnf.installed ? "Install kpatch-dnf first (dnf install kpatch-dnf)." : view.busy ? "Another action is running." : null,
        onclick, data,
    });
    // Off: Cockpit's two choices, each also enabling kpatch.service. On: one switch back to manual.
    const toggle = autoUpdate
        ? actionButton("action-auto-update", "Turn off", switchOptions(() => actions.autoUpdate(false), { turn: "off" }))
        : [
            actionButton("action-auto-update", "Apply for current and future kernels", switchOptions(() => actions.autoUpdate(true, "all"), { turn: "on", kernels: "all" })),
            " ",
            actionButton("action-auto-update-current", "Apply for the current kernel only", switchOptions(() => actions.autoUpdate(true, "current"), { turn: "on", kernels: "current" })),
        ];
    const cli = known(tooling.cli);
    return card("settings", "Settings", list([
        ["Automatic updates", el("span", { class: "ks-setting" }, autoText, toggle), "auto-update"],
        ["kpatch.service", shown(tooling.service, s => label(s.state, s.state === "enabled" ? "green" : "grey")), "kpatch-service"],
        ["kpatch CLI", cli ? (cli.installed ? [el("code", {}, cli.path), " ", shown(cli.version)] : el("span", { class: "ks-muted" }, "not installed")) : shown(tooling.cli), "kpatch-cli"],
    ]), { footer: el("span", { class: "ks-secondary" }, "Apply kernel live patches, as Cockpit's Software Updates offers it: for current and future kernels (dnf kpatch auto: kpatch-dnf installs the patches of every installed and new kernel) or for the current kernel only (dnf kpatch manual, then its patch); either also enables kpatch.service. Turning off keeps kpatch.service, so installed patches still load at boot.") });
}

export function verificationCard(verification, view, actions) {
    const checks = verification.checks || [];
    const source = view.verifiedAt
        ? `Verified at ${view.verifiedAt.toLocaleTimeString()} (a patch in transition was watched).`
        : "From the report: a patch in transition is judged as it is now.";
    return card("verification", "Verification", [
        // The checks' worst result, not the host's verdict (the verdict card has that): checks that
        // all pass do not make a host covered.
        el("p", { class: "ks-meta-row" },
            el("span", {}, "Worst check result:"),
            label(verification.result, RESULT_COLORS[verification.result] || "grey", { id: "verification-result", data: { result: verification.result } }),
            el("span", { class: "ks-secondary", id: "verification-source" }, source)),
        el("table", { class: "ks-table", id: "checks-table" },
            el("thead", {}, el("tr", {}, el("th", {}, "Result"), el("th", {}, "Check"), el("th", {}, "Detail"))),
            el("tbody", {}, checks.map(c => {
                // Per-module checks are named "module-vermagic:/path/to.ko"; the detail names the module again.
                const name = c.name.split(":")[0];
                return el("tr", { data: { check: c.name, result: c.result } },
                    el("td", {}, label(c.result, RESULT_COLORS[c.result] || "grey", { class: "ks-label--compact" })),
                    el("td", { class: "ks-nowrap" }, el("code", {}, name)),
                    el("td", { class: "ks-secondary" }, c.detail));
            }))),
    ], {
        actions: actionButton("action-verify", "Run verification now", {
            admin: view.admin, busy: view.busy === "verify", disabled: Boolean(view.busy),
            why: view.busy ? "Another action is running." : null, onclick: actions.verify,
        }),
    });
}

export function journalCard(report) {
    const journal = report.journal;
    let body;
    if (isUnknown(journal)) {
        body = shown(journal);
    } else if (journal.entries.length === 0) {
        body = el("p", { class: "ks-muted", id: "journal-empty" }, `No operations recorded in ${journal.path}.`);
    } else {
        // unchanged: dnf had nothing to do (a no-op, not a change); its detail says what was found.
        const colors = { succeeded: "green", unchanged: "grey", failed: "red", interrupted: "orange", unfinished: "blue" };
        body = el("table", { class: "ks-table", id: "journal-table" },
            el("thead", {}, el("tr", {}, el("th", {}, "Started"), el("th", {}, "Operation"), el("th", {}, "Outcome"), el("th", {}, "By"), el("th", {}, "Error or detail"))),
            el("tbody", {}, journal.entries.map(e => el("tr", { data: { id: e.id, outcome: e.outcome, operation: e.operation } },
                el("td", {}, new Date(e.started).toLocaleString()),
                el("td", {}, e.operation, e.kernel_release ? el("span", { class: "ks-secondary" }, `for ${e.kernel_release}`) : null),
                el("td", {}, label(e.outcome, colors[e.outcome] || "grey", { class: "ks-label--compact" })),
                el("td", {}, e.sudo_user ? `${e.user} (sudo from ${e.sudo_user})` : e.user),
                el("td", { class: "ks-secondary" }, e.error || e.detail || "\u2014")))));
    }
    const more = !isUnknown(journal) && journal.total > journal.entries.length ? `${journal.entries.length} of ${journal.total}; kpatch-script journal shows all.` : null;
    return card("journal", "Recent operations", body, { wide: true, footer: more ? el("span", { class: "ks-secondary" }, more) : null });
}

export function workflowsCard(view, actions) {
    const listing = view.workflows;
    let body;
    if (view.workflowsError) {
        body = notice("danger", "The workflows could not be listed", view.workflowsError, { id: "workflows-error" });
    } else if (!listing) {
        body = spinner("Listing workflows\u2026");
    } else if (listing.workflows.length === 0) {
        body = el("p", { class: "ks-muted", id: "workflows-empty" },
            listing.exists ? `No workflow scripts (*.csx) in ${listing.directory}.` : `No workflows: ${listing.directory} does not exist (workflows_directory in the configuration).`);
    } else {
        body = el("ul", { class: "ks-workflows", id: "workflows-list" }, listing.workflows.map(w =>
            el("li", { class: "ks-workflow", data: { workflow: w.name } },
                el("div", {},
                    el("p", { class: "ks-workflow__name" }, w.name),
                    el("p", { class: "ks-secondary" }, w.description || "(no description)")),
                actionButton(null, "Dry run", {
                    admin: view.admin, busy: view.run && view.run.workflow === w && view.run.phase === "dry-running",
                    disabled: Boolean(view.busy), why: view.busy ? "Another action is running." : null,
                    onclick: () => actions.dryRun(w), data: { action: "dry-run", workflow: w.name },
                }))));
    }
    return card("workflows", "Workflows", [
        body,
        view.run ? workflowRun(view, actions) : null,
    ], { wide: true, footer: listing ? el("span", { class: "ks-secondary" }, `Scripts in ${listing.directory}; each runs with --dry-run first.`) : null });
}

function runOutput(id, title, result) {
    return el("div", { class: "ks-run", id, data: { exit: result.exitStatus } },
        el("p", { class: "ks-run__title" }, title, " ", label(`exit ${result.exitStatus}`, result.exitStatus === 0 ? "green" : "orange", { class: "ks-label--compact ks-exit" })),
        el("pre", { class: "ks-output" }, result.stdout || "(no output)"),
        result.stderr ? el("pre", { class: "ks-output ks-output--stderr" }, result.stderr) : null);
}

function workflowRun(view, actions) {
    const run = view.run;
    const name = run.workflow.name;
    const parts = [];
    if (run.phase === "dry-running")
        parts.push(spinner(`Dry run of ${name}\u2026`));
    if (run.directory)
        parts.push(el("p", { class: "ks-secondary", id: "workflow-directory" }, `kpatch-script run ${run.workflow.path}, in ${run.directory}`));
    if (run.dry)
        parts.push(runOutput("workflow-dry-run-output", `Dry run of ${name}`, run.dry));
    if (run.error)
        parts.push(notice("danger", `${name} could not run`, run.error, { id: "workflow-error" }));
    if (run.phase === "dry-run-done") {
        parts.push(el("div", { class: "ks-action-row" },
            actionButton("action-run-confirm", `Run ${name} for real`, { kind: "danger", admin: view.admin, onclick: actions.confirmRun }),
            el("button", { type: "button", class: "ks-button ks-button--link", id: "action-run-cancel", onclick: actions.cancelRun }, "Cancel"),
            el("span", { class: "ks-secondary" }, "The dry run above changed nothing.")));
    }
    if (run.phase === "running")
        parts.push(spinner(`Running ${name}\u2026`));
    if (run.real)
        parts.push(runOutput("workflow-run-output", `Run of ${name}`, run.real));
    return el("div", { class: "ks-run-panel", id: "workflow-run", data: { phase: run.phase, workflow: name } }, parts);
}
