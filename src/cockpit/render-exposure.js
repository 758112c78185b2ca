// What this kernel gets and what it is still exposed to (issue 22): the Kernel card's eligibility
// row, and the Exposure card, drawn from the report's status.kernel.eligibility and status.exposure
// (kpatch-script's reading of the repositories and of the site's Red Hat CSAF VEX mirror). The
// verdict's reasons about them (kernel-not-eligible, cves-exposed ...) come with the verdict card.
import { el } from "./dom.js";
import { _, format } from "./i18n.js";
import { breakable, card, cell, isUnknown, label, notice, shown, table } from "./render.js";

// Worst first, as the CLI orders them; the words are kpatch-script's states (ExposureStates).
const STATES = () => [
    { state: "fix available", key: "fix_available", color: "orange", text: _("fix available") },
    { state: "no fix yet", key: "no_fix_yet", color: "red", text: _("no fix yet") },
    { state: "fixed after reboot", key: "fixed_after_reboot", color: "orange", text: _("fixed after reboot") },
    { state: "fixed live", key: "fixed_live", color: "green", text: _("fixed live") },
    { state: "not affected", key: "not_affected", color: "grey", text: _("not affected") },
];

// A host may be exposed to hundreds of CVEs; the page lists the worst ones, the CLI all of them.
const MOST_ROWS = 50;

/** The Kernel card's row: does this kernel get live patches at all (asked of the repositories with the update check). */
export function eligibilityRow(kernel, view) {
    const eligibility = kernel.eligibility;
    if (eligibility === undefined)
        return null; // a kpatch-script from before eligibility: no row rather than a guess
    let value;
    if (isUnknown(eligibility) && view.updates === "checking")
        value = el("span", { class: "ks-muted" }, _("Checking the repositories\u2026"));
    else
        value = shown(eligibility, e => e.eligible
            ? [label(_("Eligible"), "green", { id: "eligibility-label", data: { eligible: "true" } }), " ",
                el("span", { class: "ks-secondary" }, e.first_package_built
                    ? format(_("Live patches released for it since $0."), e.first_package_built)
                    : _("The repositories have live patches for it."))]
            // The remedy names the newest eligible kernel the repositories offer, when there is one.
            : [label(_("Not eligible"), "red", { id: "eligibility-label", data: { eligible: "false", newest: e.newest_eligible_kernel } }), " ",
                el("span", { class: "ks-secondary", id: "eligibility-remedy" }, e.remedy || _("This kernel gets no live patches."))]);
    return [_("Gets live patches"), value, "kernel-eligibility"];
}

/** The Exposure card: the CVEs the running kernel is exposed to after its live patches, from the VEX mirror. */
export function exposureCard(report) {
    const exposure = report.status.exposure;
    if (exposure === undefined)
        return null;
    if (isUnknown(exposure))
        return card("exposure", _("Exposure"), el("p", { id: "exposure-unknown" }, shown(exposure)));
    const counts = exposure.counts || {};
    const all = STATES();
    const summary = el("p", { class: "ks-chips", id: "exposure-counts" }, all.map(s =>
        label(`${s.text}: ${counts[s.key] ?? 0}`, counts[s.key] ? s.color : "grey", { class: "ks-label--compact", data: { state: s.state, count: counts[s.key] ?? 0 } })));
    const states = Object.fromEntries(all.map(s => [s.state, s]));
    const cves = Array.isArray(exposure.cves) ? exposure.cves : [];
    const rows = cves.slice(0, MOST_ROWS).map(c => el("tr", { data: { cve: c.cve, key: c.cve } },
        cell(_("CVE"), {}, el("code", { class: "ks-nowrap" }, c.cve)),
        cell(_("State"), {}, label(states[c.state] ? states[c.state].text : c.state, states[c.state] ? states[c.state].color : "grey", { class: "ks-label--compact ks-exposure-state" })),
        cell(_("Severity"), {}, c.severity || _("not given")),
        cell(_("Fixed by"), {}, c.fixed_by ? el("code", {}, breakable(c.fixed_by)) : el("span", { class: "ks-muted" }, _("nothing yet"))),
        cell(_("Advisory"), {}, advisory(c.advisory))));
    const listed = cves.length === 0
        ? el("p", { class: "ks-muted", id: "exposure-empty" }, _("No CVE in the VEX documents affects this kernel without a fix in effect."))
        : table("exposure-table", [_("CVE"), _("State"), _("Severity"), _("Fixed by"), _("Advisory")], rows);
    const more = cves.length > MOST_ROWS
        ? el("p", { class: "ks-secondary", id: "exposure-more" }, format(_("$0 more: kpatch-script exposure lists them all."), cves.length - MOST_ROWS))
        : null;
    const skipped = Array.isArray(exposure.skipped) && exposure.skipped.length
        ? notice("warning", format(_("$0 VEX files could not be read and were skipped"), exposure.skipped.length),
            _("Their CVEs are not counted, neither as exposed nor as not affected. Replace them from Red Hat's security data."),
            {
                id: "exposure-skipped",
                details: el("ul", { class: "ks-plain-list" }, exposure.skipped.slice(0, 10).map(f =>
                    el("li", { data: { key: f.file } }, el("code", {}, breakable(f.file)), ": ", f.reason))),
            })
        : null;
    return card("exposure", _("Exposure"), [
        summary,
        listed,
        more,
        skipped,
        el("p", { class: "ks-secondary", id: "exposure-source" }, format(_("From $0 Red Hat VEX documents in $1."), exposure.documents, exposure.mirror)),
    ]);
}

/** The vendor fix's advisory: a link only to an https address (the text comes from files on disk, not from us). */
function advisory(url) {
    if (!url)
        return el("span", { class: "ks-muted" }, _("none"));
    let parsed = null;
    try {
        parsed = new URL(url);
    } catch (e) {
        parsed = null;
    }
    if (!parsed || parsed.protocol !== "https:")
        return el("code", {}, breakable(url));
    const name = parsed.pathname.split("/").filter(Boolean).pop() || parsed.host;
    return el("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer" }, name);
}
