// A change in its card: the preview (what the dry run says will run, the packages and CVEs),
// then the live progress with Cancel, then stopping. The state lives in changes.js.
import { el } from "./dom.js";
import { _, format } from "./i18n.js";

function spinnerLine(text) {
    return el("p", { class: "ks-inline-progress" },
        el("span", { class: "ks-spinner ks-spinner--sm", aria: { hidden: "true" } }), text);
}

function commandList(result) {
    const steps = result.plan && result.plan.length ? result.plan : result.commands.map(c => c.join(" "));
    return el("ul", { class: "ks-plain-list ks-plan", id: "change-plan" }, steps.map(step => el("li", {}, el("code", {}, step))));
}

function packagesAndCves(change) {
    if (!change.packages || change.packages.length === 0)
        return null;
    return el("ul", { class: "ks-plain-list", id: "change-packages" }, change.packages.map(p =>
        el("li", { data: { package: p.name } }, el("code", {}, p.nevr), " ",
            p.cves.length ? format(p.verb === "adds" ? _("adds $0") : _("fixes $0"), p.cves.join(", ")) : _("no CVE listed"))));
}

/** The preview or the progress of the change running in `cardId`, or nothing. */
export function changePanel(cardId, view, actions) {
    const change = view.change;
    if (!change || change.card !== cardId)
        return null;
    const parts = [];
    if (change.phase === "previewing") {
        parts.push(spinnerLine(format(_("Working out what $0 would do (a dry run: nothing changes)\u2026"), change.command)));
    } else if (change.phase === "preview") {
        parts.push(
            el("h3", { class: "ks-subheading", id: "change-preview-title", tabindex: "-1" }, format(_("Before you confirm: $0"), change.title)),
            el("p", {}, format(_("$0 will run, on $1:"), change.command, change.preview.target)),
            commandList(change.preview),
            packagesAndCves(change),
            change.preview.detail ? el("p", { class: "ks-secondary", id: "change-detail" }, change.preview.detail) : null,
            el("p", { class: "ks-secondary" }, _("Nothing has changed yet.")),
            el("div", { class: "ks-action-row" },
                el("button", { type: "button", class: `ks-button ks-button--${change.danger ? "danger" : "primary"}`, id: "action-confirm-change", onclick: actions.confirm }, change.confirm),
                el("button", { type: "button", class: "ks-button ks-button--link", id: "action-cancel-change", onclick: actions.dismissPreview }, _("Cancel"))));
    } else {
        const stopping = change.phase === "stopping";
        parts.push(
            el("h3", { class: "ks-subheading", id: "change-running-title", tabindex: "-1" }, stopping ? format(_("Stopping $0"), change.command) : format(_("Running $0"), change.command)),
            stopping
                ? spinnerLine(_("kpatch-script stops at its next safe point (a dnf transaction is never cut in half), then the page reads the host again\u2026"))
                : spinnerLine(_("What it prints shows below as it happens.")),
            el("pre", { class: "ks-output ks-progress", id: "change-progress", role: "log", tabindex: "0", aria: { label: format(_("Output of $0"), change.command) } },
                change.progress.length ? change.progress.join("\n") : _("(nothing printed yet)")),
            stopping ? null : el("div", { class: "ks-action-row" },
                el("button", { type: "button", class: "ks-button ks-button--secondary", id: "action-stop-change", onclick: actions.stop }, format(_("Cancel $0"), change.shortTitle))));
    }
    return el("div", { class: "ks-change", id: "change", data: { phase: change.phase, change: change.id } }, parts);
}
