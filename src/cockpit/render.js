// Builds the panel's cards from the report model of "kpatch-script report --format json"
// (report.schema.json: verdict, status as status --json, verification as verify --json, journal,
// alerts). Pure DOM building: the state and the actions live in kpatch-script.js, changes in
// changes.js (their preview, progress and outcome are drawn by render-changes.js).
import { el } from "./dom.js";
import { _, format } from "./i18n.js";
import { changePanel } from "./render-changes.js";
import { eligibilityRow } from "./render-exposure.js";

const ADMIN_HINT = () => _("This needs administrative access. Turn it on with the \u201cLimited access\u201d button in the top bar.");

/** A known value is the bare value; an unknown one is {"unknown": "reason"}. */
export function isUnknown(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && typeof value.unknown === "string";
}

export function known(value, fallback = null) {
    return isUnknown(value) || value === undefined ? fallback : value;
}

/** The value through `format`, or "unknown" with its reason. */
export function shown(value, show = v => String(v)) {
    if (isUnknown(value))
        return el("span", { class: "ks-unknown" }, label(_("unknown"), "grey", { class: "ks-label--compact" }), el("span", { class: "ks-secondary" }, value.unknown));
    if (value === null || value === undefined)
        return el("span", { class: "ks-muted" }, _("none"));
    return show(value);
}

export function label(text, color, props = {}) {
    return el("span", { ...props, class: `ks-label ks-label--${color}${props.class ? " " + props.class : ""}` }, text);
}

/**
 * Long machine words (module paths, function and package names) may break only after a
 * separator, never inside a name: `<wbr>` after each / _ . : - and a comma.
 */
export function breakable(text) {
    return String(text).split(/(?<=[/_.:,-])/).flatMap((part, i) => i === 0 ? [part] : [el("wbr", {}), part]);
}

const VERDICT_WORDS = () => ({ covered: _("Covered"), "action needed": _("Action needed"), "not covered": _("Not covered") });
const VERDICT_COLORS = { covered: "green", "action needed": "orange", "not covered": "red", note: "grey" };
const RESULT_COLORS = { pass: "green", warn: "orange", fail: "red", skip: "grey" };

export function card(id, title, body, { actions, wide, footer } = {}) {
    return el("section", { class: "ks-card" + (wide ? " ks-card--wide" : ""), id, aria: { labelledby: id + "-title" } },
        el("header", { class: "ks-card__header" },
            // tabindex -1: focus moves here when the control the user pressed is gone (the card's result is then read next).
            el("h2", { class: "ks-card__title", id: id + "-title", tabindex: "-1" }, title),
            actions ? el("div", { class: "ks-card__actions" }, actions) : null),
        el("div", { class: "ks-card__body" }, body),
        footer ? el("footer", { class: "ks-card__footer" }, footer) : null);
}

export function list(rows) {
    return el("dl", { class: "ks-dl" }, rows.filter(Boolean).map(([term, value, id]) => [
        el("dt", {}, term),
        el("dd", { id }, value),
    ]));
}

/** A table that becomes one block per row on a narrow screen, each cell led by its column name. */
export function table(id, headings, rows) {
    return el("table", { class: "ks-table ks-table--stacking", id },
        el("thead", {}, el("tr", {}, headings.map(h => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows));
}

export function cell(heading, props, ...children) {
    return el("td", { ...props, data: { ...(props.data || {}), label: heading } }, ...children);
}

export function spinner(text, size = "sm") {
    return el("span", { class: "ks-inline-progress" },
        el("span", { class: `ks-spinner ks-spinner--${size}`, role: "progressbar", aria: { label: text } }), text);
}

/**
 * A button for an action. Without administrative access, or while another action runs, it is
 * aria-disabled (not disabled: it stays in the tab order, so a keyboard user reaches it and
 * hears why) and a press does nothing; the reason shows next to it on focus and hover and is its
 * accessible description. While `busy` it shows a spinner.
 */
export function actionButton(id, text, { admin, busy, disabled, why, onclick, kind = "secondary", data, key } = {}) {
    const needsAdmin = admin !== true;
    const reason = needsAdmin ? (admin === null ? _("Checking your access\u2026") : ADMIN_HINT()) : why;
    const off = needsAdmin || Boolean(busy) || Boolean(disabled);
    const name = id || key;
    const whyId = reason ? `${name}-why` : null;
    return el("span", { class: "ks-action", data: { key: `${name}-wrap` } },
        el("button", {
            id, type: "button", class: `ks-button ks-button--${kind}`, data: { ...data, key: id ? null : key },
            aria: { disabled: off ? "true" : null, describedby: whyId },
            onclick: event => { if (event.currentTarget.getAttribute("aria-disabled") !== "true") onclick(event) },
        }, busy ? el("span", { class: "ks-spinner ks-spinner--sm ks-spinner--inline", aria: { hidden: "true" } }) : null, text),
        reason ? el("span", { class: "ks-why", id: whyId, role: "tooltip" }, reason) : null);
}

/** Why an action is unavailable while another one runs, or waits for the user to confirm it. */
export function busyWhy(view) {
    return view.change && view.change.phase === "preview" ? _("Confirm or cancel the change shown below first.") : _("Another action is running.");
}

/** The action whose dry run or run is in progress (a spinner on its button), not one waiting for confirmation. */
function working(view, id) {
    return view.busy === id && !(view.change && view.change.phase === "preview");
}

/** While the first report is read: what the page is waiting for. */
export function loadingState() {
    return el("div", { class: "ks-empty-state", id: "loading" },
        el("span", { class: "ks-spinner ks-spinner--lg", role: "progressbar", aria: { label: _("Loading") } }),
        el("p", {}, _("Reading the live patching state"), " (", el("code", {}, "kpatch-script report"), ")\u2026"));
}

export function notice(kind, title, text, { id, onclose, details, key } = {}) {
    return el("div", { class: `ks-alert ks-alert--${kind}`, id, data: { kind, key }, tabindex: "-1" },
        el("span", { class: "ks-alert__icon", aria: { hidden: "true" } }, { danger: "!", warning: "!", success: "\u2713", info: "i" }[kind]),
        el("div", { class: "ks-alert__body" },
            el("span", { class: "ks-visually-hidden" }, { danger: _("Error:"), warning: _("Warning:"), success: _("Success:"), info: _("Information:") }[kind]),
            el("p", { class: "ks-alert__title" }, title),
            text ? el("p", { class: "ks-alert__text" }, text) : null,
            details || null),
        onclose ? el("button", { type: "button", class: "ks-alert__close", title: _("Dismiss"), aria: { label: format(_("Dismiss: $0"), title) }, onclick: onclose }, "\u00d7") : null);
}

/** The outcome of the last action of a card, shown in that card (where the user's eyes and focus are). */
export function cardResult(cardId, result, onclose) {
    if (!result)
        return null;
    // What the CLI printed while it ran stays readable after it finished.
    const printed = result.progress && result.progress.length
        ? el("details", { class: "ks-printed" },
            el("summary", {}, format(_("What it printed ($0 lines)"), result.progress.length)),
            el("pre", { class: "ks-output", id: `${cardId}-printed`, tabindex: "0" }, result.progress.join("\n")))
        : null;
    return notice(result.kind, result.title, result.text, { id: `${cardId}-result`, onclose, details: printed });
}

export function hostLine(report) {
    const host = report.status.host;
    const name = known(host.hostname);
    const os = known(host.os);
    return [
        name ? el("span", { id: "host-name" }, name) : el("span", { id: "host-name", class: "ks-muted" }, _("host name unknown")),
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
    const words = VERDICT_WORDS();
    // The summary quotes the first reason; with one reason the list would say it again word for word.
    const single = verdict.reasons.length === 1;
    const reasons = verdict.reasons.map(reason =>
        el("li", { class: "ks-reason", data: { code: reason.code, level: reason.level, key: reason.code } },
            label(reason.level === "note" ? _("note") : words[reason.level] || reason.level, VERDICT_COLORS[reason.level] || "grey", { class: "ks-label--compact" }),
            single
                ? el("span", { class: "ks-secondary" }, format(_("Reason code $0 (the summary above)"), reason.code))
                : el("span", {}, reason.text)));
    return el("section", { class: `ks-card ks-card--wide ks-verdict ks-verdict--${color}`, id: "verdict", data: { state: verdict.state, source: verified ? "verify" : "report" }, aria: { labelledby: "verdict-title" } },
        el("div", { class: "ks-verdict__head" },
            el("h2", { class: "ks-verdict__heading", id: "verdict-title", tabindex: "-1" },
                el("span", { class: "ks-visually-hidden" }, _("Verdict:"), " "),
                el("span", { class: `ks-verdict__badge ks-label ks-label--filled-${color}`, id: "verdict-label" }, words[verdict.state] || verdict.state)),
            el("p", { class: "ks-verdict__summary", id: "verdict-summary" }, verdict.summary)),
        reasons.length ? el("ul", { class: "ks-reasons", id: "verdict-reasons", aria: { label: _("Reasons") } }, reasons) : null,
        alertsList(report.alerts),
        el("p", { class: "ks-verdict__meta", id: "verdict-source" }, verified ? verifiedSource(view) : reportSource(report, view)));
}

// Where the verdict on screen comes from: verify asks dnf too when the report did (--check-updates).
function verifiedSource(view) {
    const updates = view.verifiedUpdates ? _("the repositories were asked for updates") : _("the repositories were not asked for updates");
    return format(_("Verdict of the verification at $0 (a patch in transition was watched; $1). Refresh shows the report's verdict again."), view.verifiedAt.toLocaleTimeString(), updates);
}

function reportSource(report, view) {
    const answer = report.status.coverage.updates;
    const updates = view.updates === "checking"
        ? spinner(_("Asking the repositories for newer live patches\u2026"))
        : view.updates && view.updates.error
            ? el("span", { class: "ks-muted", id: "updates-error" }, _("Updates could not be checked: "), view.updates.error)
            // Asked, but the CLI could not tell (dnf failed): the reasons say so, and so does this line.
            : view.updates === "checked" && isUnknown(answer)
                ? el("span", { class: "ks-muted", id: "updates-error" }, _("Updates could not be checked: "), answer.unknown)
                : view.updates === "checked" ? el("span", { class: "ks-muted", id: "updates-checked" }, _("Updates checked.")) : null;
    return [format(_("Report of $0."), new Date(report.generated_at).toLocaleString()), " ", updates];
}

function alertsList(alerts) {
    const active = alerts && Array.isArray(alerts.active) ? alerts.active : [];
    if (active.length === 0)
        return null;
    const colors = { critical: "red", warning: "orange", info: "blue" };
    return el("div", { class: "ks-alerts", id: "alerts" },
        el("h3", { class: "ks-subheading" }, _("Active alerts")),
        el("ul", { class: "ks-plain-list" }, active.map(a =>
            el("li", { data: { rule: a.rule, key: a.rule } }, label(a.severity, colors[a.severity] || "grey", { class: "ks-label--compact" }), " ", a.summary))));
}

const REBOOT_WORDS = () => ({ no: _("Not needed"), yes: _("Reboot due"), "yes-but-live-patched": _("Recommended at the next window (live patched meanwhile)") });

export function kernelCard(report, view) {
    const kernel = report.status.kernel;
    const livepatch = report.status.livepatch;
    const reboot = shown(kernel.reboot, r => [
        label(REBOOT_WORDS()[r.advice] || r.advice, r.advice === "no" ? "green" : r.advice === "yes" ? "orange" : "blue", { id: "reboot-advice", data: { advice: r.advice } }),
        el("span", { class: "ks-secondary" }, r.reason)]);
    const window = shown(kernel.support_window, w => {
        const color = w.days_left < 0 ? "red" : w.days_left <= 30 ? "orange" : "green";
        const days = w.days_left < 0 ? format(_("ended $0 days ago"), -w.days_left) : format(_("$0 days left"), w.days_left);
        return [
            // Where the end comes from (configuration, lifecycle file, repositories) is in the basis
            // kpatch-script writes; an estimate is said here. The source is kept for machines too.
            el("span", { id: "support-ends", data: { source: w.source, stream: w.stream } }, format(_("until $0"), w.ends)), " ",
            label(days, color, { id: "support-days-left", data: { days: w.days_left } }),
            el("span", { class: "ks-secondary", id: "support-basis" }, w.estimate ? format(_("Estimate: $0"), w.basis) : w.basis)];
    });
    const support = shown(livepatch.support, s => [label(s.supported ? _("Supported") : _("Not supported"), s.supported ? "green" : "red"), el("span", { class: "ks-secondary" }, s.reason)]);
    return card("kernel", _("Kernel"), list([
        [_("Running kernel"), shown(kernel.running, v => el("code", {}, breakable(v))), "kernel-running"],
        [_("Newest installed"), shown(kernel.newest, v => el("code", {}, breakable(v))), "kernel-newest"],
        [_("Reboot"), reboot, "kernel-reboot"],
        eligibilityRow(kernel, view),
        [_("Live patch support"), window, "kernel-support-window"],
        [_("Livepatch in kernel"), support, "kernel-livepatch"],
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
        body = el("p", { class: "ks-muted", id: "patches-empty" }, _("No live patch is loaded."));
    } else {
        body = table("patches-table", [_("Patch"), _("State"), _("Patches")],
            patches.map(patch => patchRow(patch, tasks.filter(t => t.patch === patch.name), stalled, transitionCheck)));
    }
    const inactive = known(livepatch.inactive_modules, []);
    return card("patches", _("Live patches"), [
        body,
        inactive.length ? el("p", { class: "ks-secondary", id: "inactive-modules" },
            _("Modules still loaded whose patch left sysfs (disabled or replaced): "), inactive.map(m => m.name || m).join(", ")) : null,
    ]);
}

function patchRow(patch, tasks, stalled, transitionCheck) {
    const inTransition = known(patch.transition) === true;
    const enabled = known(patch.enabled);
    const state = inTransition ? (stalled ? "stalled" : "in transition") : enabled === false ? "disabled" : enabled ? "enabled" : "unknown";
    const color = { enabled: "green", "in transition": "blue", stalled: "red", disabled: "orange", unknown: "grey" }[state];
    const objects = known(patch.objects, []);
    const functions = objects.flatMap(o => (o.functions || []).map(f => `${o.name}:${f.name}`));
    const row = el("tr", { data: { patch: patch.name, state, key: patch.name } },
        cell(_("Patch"), { class: "ks-nowrap" }, el("code", {}, breakable(patch.name))),
        cell(_("State"), {}, label(state, color, { class: "ks-patch-state" }), el("span", { class: "ks-secondary" }, format(_("kpatch list: $0"), known(patch.state, _("unknown"))))),
        cell(_("Patches"), { class: "ks-secondary" }, functions.length
            ? el("ul", { class: "ks-functions" }, functions.map(f => el("li", {}, el("code", {}, breakable(f)))))
            : "\u2014"));
    if (!inTransition)
        return row;
    const waiting = el("tr", { class: "ks-subrow", data: { blockersOf: patch.name, key: `${patch.name}-blockers` } },
        el("td", { colspan: "3" },
            el("p", { class: "ks-subrow__title" }, stalled ? _("Stalled: the transition waits for these tasks") : _("In transition, waiting for these tasks")),
            tasks.length ? el("ul", { class: "ks-plain-list ks-blockers" }, tasks.map(t =>
                el("li", { data: { tid: t.tid } }, el("code", {}, t.command), ` (pid ${t.pid}, tid ${t.tid}, patch_state ${t.patch_state})`))) : el("p", { class: "ks-muted" }, _("No blocking task was found.")),
            transitionCheck ? el("p", { class: "ks-secondary" }, breakable(transitionCheck.detail)) : null,
            el("p", { class: "ks-secondary" }, _("Wait, or reverse the patch (kpatch-script unload); kpatch-script never forces a transition."))));
    return [row, waiting];
}

function cveChips(values, color, id) {
    if (isUnknown(values))
        return el("span", { id }, shown(values));
    if (!values || values.length === 0)
        return el("span", { class: "ks-muted", id }, _("none"));
    return el("span", { class: "ks-chips", id }, values.map(cve => label(cve, color, { class: "ks-label--compact ks-cve" })));
}

export function cvesCard(report, view) {
    const coverage = report.status.coverage;
    const updates = known(coverage.updates);
    let available;
    if (view.updates === "checking" && !updates)
        available = spinner(_("Checking\u2026"));
    else if (updates)
        available = cveChips([...new Set(updates.filter(u => u.for_running_kernel).flatMap(u => u.new_cves))].sort(), "blue", "cves-available");
    else
        available = el("span", { class: "ks-muted", id: "cves-available" },
            view.updates && view.updates.error ? _("could not be checked") : view.updates === "checked" ? shown(coverage.updates) : _("not checked yet"));
    return card("cves", _("CVEs"), list([
        [_("Fixed live now"), cveChips(coverage.fixed_live_now, "green", "cves-fixed")],
        [_("Installed, not live"), cveChips(coverage.installed_not_live, "orange", "cves-not-live")],
        [_("Available with updates"), available],
    ]));
}

/** The package actions this host offers now: install (none for the running kernel), update (a newer one), remove and downgrade (one installed). */
export function packageActions(report) {
    const status = report.status;
    const packages = known(status.packages);
    const running = known(status.kernel.running);
    const updates = known(status.coverage.updates);
    const forRunning = packages ? packages.filter(p => p.for_running_kernel) : [];
    const runningUpdates = updates ? updates.filter(u => u.for_running_kernel) : [];
    return {
        install: Boolean(running && packages && forRunning.length === 0),
        update: forRunning.length > 0 && runningUpdates.length > 0,
        remove: Boolean(running) && forRunning.length > 0,
        downgrade: Boolean(running) && forRunning.length > 0,
    };
}

export function packagesCard(report, view, actions) {
    const status = report.status;
    const packages = known(status.packages);
    const running = known(status.kernel.running);
    const updates = known(status.coverage.updates);
    const installed = isUnknown(status.packages)
        ? shown(status.packages)
        : packages.length === 0
            ? el("p", { class: "ks-muted", id: "packages-empty" }, _("No kpatch-patch package is installed."))
            : table("packages-table", [_("Package"), _("Kernel"), _("CVEs")], packages.map(p => el("tr", { data: { package: p.name, key: p.name } },
                cell(_("Package"), {}, el("code", {}, breakable(`${p.name}-${p.version}-${p.release}`))),
                cell(_("Kernel"), {}, shown(p.kernel_release, v => breakable(v)), p.for_running_kernel ? [" ", label(_("running"), "blue", { class: "ks-label--compact" })] : null),
                cell(_("CVEs"), {}, cveChips(p.cves, "grey")))));
    const offered = updates && updates.length
        ? el("ul", { class: "ks-plain-list", id: "updates-list" }, updates.map(u =>
            el("li", { data: { package: u.name, key: u.name } },
                el("code", {}, breakable(`${u.name}-${u.version}-${u.release}`)),
                " ", format(_("for $0$1; installed: $2; adds: $3"), u.kernel_release, u.for_running_kernel ? _(" (running)") : "", u.installed_version || _("none"),
                    u.new_cves.length ? u.new_cves.join(", ") : _("no new CVE")))))
        : updates ? el("p", { class: "ks-muted", id: "updates-list" }, _("No newer live patch in the repositories.")) : null;
    const offers = packageActions(report);
    const buttonOptions = (verb, kind) => ({
        kind, admin: view.admin, busy: working(view, verb), disabled: Boolean(view.busy),
        why: view.busy ? busyWhy(view) : null, onclick: () => actions.preview(verb),
    });
    const buttons = [
        offers.install ? actionButton("action-install", _("Install live patch"), buttonOptions("install", "primary")) : null,
        offers.update ? actionButton("action-update", _("Update live patch"), buttonOptions("update", "primary")) : null,
        offers.downgrade ? actionButton("action-downgrade", _("Downgrade"), buttonOptions("downgrade", "secondary")) : null,
        offers.remove ? actionButton("action-remove", _("Remove"), buttonOptions("remove", "secondary")) : null,
    ].filter(Boolean);
    return card("packages", _("Live patch packages"), [
        installed,
        el("h3", { class: "ks-subheading" }, _("Updates")),
        offered || (view.updates === "checking" ? spinner(_("Asking the repositories\u2026"))
            : view.updates && view.updates.error ? el("p", { class: "ks-muted", id: "updates-list" }, _("Could not be checked: "), view.updates.error)
                : view.updates === "checked" ? el("p", { id: "updates-list" }, shown(status.coverage.updates))
                    : el("p", { class: "ks-muted", id: "updates-list" }, _("Not checked yet."))),
        buttons.length ? el("div", { class: "ks-action-row", id: "packages-actions" }, buttons,
            running ? el("span", { class: "ks-secondary" }, format(_("dnf, for kernel $0; each shows what it will do first"), running)) : null) : null,
        changePanel("packages", view, actions),
        cardResult("packages", view.results.packages, () => actions.dismiss("packages")),
    ]);
}

export function settingsCard(report, view, actions) {
    const tooling = report.status.kpatch;
    const dnf = known(tooling.dnf);
    const autoUpdate = dnf && dnf.installed ? known(dnf.auto_update) : null;
    const autoText = isUnknown(tooling.dnf) ? shown(tooling.dnf)
        : !dnf.installed ? el("span", { class: "ks-muted", id: "auto-update-state" }, _("Off: kpatch-dnf is not installed (applying installs kpatch and kpatch-dnf first)"))
            : isUnknown(dnf.auto_update) ? shown(dnf.auto_update)
                : label(autoUpdate ? _("On") : _("Off"), autoUpdate ? "green" : "grey", { id: "auto-update-state", data: { on: autoUpdate } });
    // Without kpatch-dnf, turning on installs kpatch and kpatch-dnf first (as Cockpit does; the
    // preview shows it). Whether it is installed unknown: nothing is offered, nothing assumed.
    const switchOptions = (choice, data) => ({
        admin: view.admin, busy: working(view, choice),
        disabled: Boolean(view.busy) || !dnf || (dnf.installed && autoUpdate === null),
        why: !dnf ? _("Whether kpatch-dnf is installed is unknown (see above).") : dnf.installed && autoUpdate === null ? _("Whether automatic updates are on is unknown (see above).") : view.busy ? busyWhy(view) : null,
        onclick: () => actions.preview(choice), data,
    });
    // Off: Cockpit's two choices, each also enabling kpatch.service. On: one switch back to manual.
    const toggle = autoUpdate
        ? actionButton("action-auto-update", _("Turn off"), switchOptions("auto-update-off", { turn: "off" }))
        : [
            actionButton("action-auto-update", _("Apply for current and future kernels"), switchOptions("auto-update-all", { turn: "on", kernels: "all" })),
            actionButton("action-auto-update-current", _("Apply for the current kernel only"), switchOptions("auto-update-current", { turn: "on", kernels: "current" })),
        ];
    const cli = known(tooling.cli);
    return card("settings", _("Settings"), [
        list([
            [_("Automatic updates"), el("span", { class: "ks-setting" }, autoText, toggle), "auto-update"],
            ["kpatch.service", shown(tooling.service, s => label(s.state, s.state === "enabled" ? "green" : "grey")), "kpatch-service"],
            [_("kpatch CLI"), cli ? (cli.installed ? [el("code", {}, cli.path), " ", shown(cli.version)] : el("span", { class: "ks-muted" }, _("not installed"))) : shown(tooling.cli), "kpatch-cli"],
        ]),
        changePanel("settings", view, actions),
        cardResult("settings", view.results.settings, () => actions.dismiss("settings")),
    ], { footer: el("span", { class: "ks-secondary" }, _("Apply kernel live patches, as Cockpit's Software Updates offers it: for current and future kernels (dnf kpatch auto: kpatch-dnf installs the patches of every installed and new kernel) or for the current kernel only (dnf kpatch manual, then its patch); either also enables kpatch.service. Turning off keeps kpatch.service, so installed patches still load at boot.")) });
}

export function verificationCard(verification, view, actions) {
    const checks = verification.checks || [];
    const source = view.verifiedAt
        ? format(_("Verified at $0 (a patch in transition was watched)."), view.verifiedAt.toLocaleTimeString())
        : _("From the report: a patch in transition is judged as it is now.");
    return card("verification", _("Verification"), [
        // The checks' worst result, not the host's verdict (the verdict card has that): checks that
        // all pass do not make a host covered.
        el("p", { class: "ks-meta-row" },
            el("span", {}, _("Worst check result:")),
            label(verification.result, RESULT_COLORS[verification.result] || "grey", { id: "verification-result", data: { result: verification.result } }),
            el("span", { class: "ks-secondary", id: "verification-source" }, source)),
        table("checks-table", [_("Result"), _("Check"), _("Detail")], checks.map(c => {
            // Per-module checks are named "module-vermagic:/path/to.ko"; the detail names the module again.
            const name = c.name.split(":")[0];
            return el("tr", { data: { check: c.name, result: c.result, key: c.name } },
                cell(_("Result"), {}, label(c.result, RESULT_COLORS[c.result] || "grey", { class: "ks-label--compact" })),
                cell(_("Check"), { class: "ks-nowrap" }, el("code", {}, name)),
                cell(_("Detail"), { class: "ks-secondary" }, breakable(c.detail)));
        })),
        cardResult("verification", view.results.verification, () => actions.dismiss("verification")),
    ], {
        actions: actionButton("action-verify", _("Run verification now"), {
            admin: view.admin, busy: view.busy === "verify", disabled: Boolean(view.busy),
            why: view.busy ? busyWhy(view) : null, onclick: actions.verify,
        }),
    });
}

export function journalCard(report) {
    const journal = report.journal;
    let body;
    if (isUnknown(journal)) {
        body = shown(journal);
    } else if (journal.entries.length === 0) {
        body = el("p", { class: "ks-muted", id: "journal-empty" }, format(_("No operations recorded in $0."), journal.path));
    } else {
        // unchanged: dnf had nothing to do (a no-op, not a change); its detail says what was found.
        const colors = { succeeded: "green", unchanged: "grey", failed: "red", interrupted: "orange", unfinished: "blue" };
        body = table("journal-table", [_("Started"), _("Operation"), _("Outcome"), _("By"), _("Error or detail")], journal.entries.map(e => el("tr", { data: { id: e.id, outcome: e.outcome, operation: e.operation, key: e.id } },
            cell(_("Started"), {}, new Date(e.started).toLocaleString()),
            cell(_("Operation"), {}, e.operation, e.kernel_release ? el("span", { class: "ks-secondary" }, format(_("for $0"), e.kernel_release)) : null),
            cell(_("Outcome"), {}, label(e.outcome, colors[e.outcome] || "grey", { class: "ks-label--compact" })),
            cell(_("By"), {}, e.sudo_user ? format(_("$0 (sudo from $1)"), e.user, e.sudo_user) : e.user),
            cell(_("Error or detail"), { class: "ks-secondary" }, breakable(e.error || e.detail || "\u2014")))));
    }
    const more = !isUnknown(journal) && journal.total > journal.entries.length ? format(_("$0 of $1; kpatch-script journal shows all."), journal.entries.length, journal.total) : null;
    return card("journal", _("Recent operations"), body, { wide: true, footer: more ? el("span", { class: "ks-secondary" }, more) : null });
}

export function workflowsCard(view, actions) {
    const listing = view.workflows;
    let body;
    if (view.workflowsError) {
        body = notice("danger", _("The workflows could not be listed"), view.workflowsError, { id: "workflows-error" });
    } else if (!listing) {
        body = spinner(_("Listing workflows\u2026"));
    } else if (listing.workflows.length === 0) {
        body = el("p", { class: "ks-muted", id: "workflows-empty" },
            listing.exists ? format(_("No workflow scripts (*.csx) in $0."), listing.directory) : format(_("No workflows: $0 does not exist (workflows_directory in the configuration)."), listing.directory));
    } else {
        body = el("ul", { class: "ks-workflows", id: "workflows-list" }, listing.workflows.map(w =>
            el("li", { class: "ks-workflow", data: { workflow: w.name, key: w.name } },
                el("div", {},
                    el("p", { class: "ks-workflow__name" }, w.name),
                    el("p", { class: "ks-secondary" }, w.description || _("(no description)"))),
                actionButton(null, _("Dry run"), {
                    admin: view.admin, busy: view.run && view.run.workflow.name === w.name && view.run.phase === "dry-running",
                    disabled: Boolean(view.busy), why: view.busy ? busyWhy(view) : null,
                    onclick: () => actions.dryRun(w), data: { action: "dry-run", workflow: w.name }, key: `dry-run-${w.name}`,
                }))));
    }
    return card("workflows", _("Workflows"), [
        body,
        view.run ? workflowRun(view, actions) : null,
    ], { wide: true, footer: listing ? el("span", { class: "ks-secondary" }, format(_("Scripts in $0; each runs with --dry-run first."), listing.directory)) : null });
}

function runOutput(id, title, result) {
    return el("div", { class: "ks-run", id, data: { exit: result.exitStatus }, tabindex: "-1" },
        el("p", { class: "ks-run__title" }, title, " ", label(format(_("exit $0"), result.exitStatus), result.exitStatus === 0 ? "green" : "orange", { class: "ks-label--compact ks-exit" })),
        el("pre", { class: "ks-output", tabindex: "0" }, result.stdout || _("(no output)")),
        result.stderr ? el("pre", { class: "ks-output ks-output--stderr", tabindex: "0" }, result.stderr) : null);
}

function workflowRun(view, actions) {
    const run = view.run;
    const name = run.workflow.name;
    const parts = [];
    if (run.phase === "dry-running")
        parts.push(spinner(format(_("Dry run of $0\u2026"), name)));
    if (run.directory)
        parts.push(el("p", { class: "ks-secondary", id: "workflow-directory" }, `kpatch-script run ${run.workflow.path}, in ${run.directory}`));
    if (run.dry)
        parts.push(runOutput("workflow-dry-run-output", format(_("Dry run of $0"), name), run.dry));
    if (run.error)
        parts.push(notice("danger", format(_("$0 could not run"), name), run.error, { id: "workflow-error" }));
    if (run.phase === "dry-run-done") {
        parts.push(el("div", { class: "ks-action-row" },
            actionButton("action-run-confirm", format(_("Run $0 for real"), name), { kind: "danger", admin: view.admin, onclick: actions.confirmRun }),
            el("button", { type: "button", class: "ks-button ks-button--link", id: "action-run-cancel", onclick: actions.cancelRun }, _("Cancel")),
            el("span", { class: "ks-secondary" }, _("The dry run above changed nothing."))));
    }
    if (run.phase === "running")
        parts.push(spinner(format(_("Running $0\u2026"), name)));
    if (run.real)
        parts.push(runOutput("workflow-run-output", format(_("Run of $0"), name), run.real));
    return el("div", { class: "ks-run-panel", id: "workflow-run", data: { phase: run.phase, workflow: name } }, parts);
}
