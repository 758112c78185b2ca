// Changes to the host, as Cockpit's own pages make them: first what will happen (the CLI's dry
// run: the exact dnf commands, the packages and their CVEs), nothing run until the user confirms;
// then the CLI's progress lines live in the card, with a Cancel that stops the operation at its
// next safe point; then the outcome in the card, read from the CLI's answer or, after Cancel, from
// the host's own journal (the page no longer hears the process it stopped).
import { start, runJson, parseJson, jsonOf, progressOf, limits } from "./cli.js";
import { _, format } from "./i18n.js";
import { known } from "./render.js";

const OPERATION_SCHEMA = 1; // operation-result.schema.json
const JOURNAL_SCHEMA = 1; // journal.schema.json
const KEEP_LINES = 400; // progress lines kept on screen (the journal and dnf's log keep everything)

/** The changes the panel offers: the CLI verb, where it is shown, and the words of its buttons. */
function choices() {
    return {
        install: { card: "packages", args: ["install"], operation: "install", title: _("Install live patch"), shortTitle: _("install"), confirm: _("Install now"), done: _("Live patch installed") },
        update: { card: "packages", args: ["update"], operation: "update", title: _("Update live patch"), shortTitle: _("update"), confirm: _("Update now"), done: _("Live patch updated") },
        downgrade: { card: "packages", args: ["downgrade"], operation: "downgrade", title: _("Downgrade live patch"), shortTitle: _("downgrade"), confirm: _("Downgrade now"), done: _("Live patch downgraded"), danger: true },
        remove: { card: "packages", args: ["remove"], operation: "remove", title: _("Remove live patch package"), shortTitle: _("removal"), confirm: _("Remove now"), done: _("Live patch package removed"), danger: true },
        "auto-update-all": { card: "settings", args: ["auto-update", "on", "--kernels", "all"], operation: "auto-update on", title: _("Apply live patches for current and future kernels"), shortTitle: _("auto-update"), confirm: _("Apply now"), done: _("Live patches applied for current and future kernels") },
        "auto-update-current": { card: "settings", args: ["auto-update", "on", "--kernels", "current"], operation: "auto-update on", title: _("Apply live patches for the current kernel only"), shortTitle: _("auto-update"), confirm: _("Apply now"), done: _("Live patches applied for the current kernel only") },
        "auto-update-off": { card: "settings", args: ["auto-update", "off"], operation: "auto-update off", title: _("Turn automatic updates off"), shortTitle: _("auto-update"), confirm: _("Turn off now"), done: _("Automatic updates turned off") },
    };
}

const sleep = ms => new Promise(resolve => window.setTimeout(resolve, ms));

/**
 * ctx: { state, draw(), drawSoon(), reload() (reads the host again), focus(selector) (after the
 * next draw), announce(text) (the page's aria-live region) }.
 */
export function changeActions(ctx) {
    const { state } = ctx;

    function finish(card, result, focusSelector) {
        state.change = null;
        state.busy = null;
        state.results[card] = result;
        ctx.announce(`${result.title}. ${result.text || ""}`);
        ctx.focus(focusSelector || `#${card}-result`);
    }

    /** The packages the change touches, with their CVEs, from the report the page shows. */
    function packagesOf(id) {
        const status = state.report.status;
        const updates = known(status.coverage.updates, []) || [];
        const installed = (known(status.packages, []) || []).filter(p => p.for_running_kernel);
        if (id === "install" || id === "update")
            return updates.filter(u => u.for_running_kernel).map(u => ({ name: u.name, nevr: `${u.name}-${u.version}-${u.release}`, cves: u.new_cves, verb: "adds" }));
        if (id === "remove" || id === "downgrade")
            return installed.map(p => ({ name: p.name, nevr: `${p.name}-${p.version}-${p.release}`, cves: known(p.cves, []) || [], verb: "fixes" }));
        return [];
    }

    async function preview(id) {
        const choice = choices()[id];
        const args = [...choice.args, "--dry-run", "--json"];
        state.busy = id;
        state.results[choice.card] = null;
        state.change = { id, ...choice, command: `kpatch-script ${choice.args.join(" ")}`, phase: "previewing", origin: document.activeElement && document.activeElement.id, progress: [] };
        ctx.draw();
        try {
            const planned = await runJson(args, { superuser: "require", schema: OPERATION_SCHEMA });
            if (planned.outcome === "unchanged") {
                finish(choice.card, nothingToDo(id, planned));
            } else {
                Object.assign(state.change, { phase: "preview", preview: planned, packages: packagesOf(id) });
                ctx.focus("#change-preview-title");
            }
        } catch (error) {
            finish(choice.card, { kind: "danger", title: format(_("kpatch-script $0 --dry-run failed"), choice.operation), text: messageOf(error) });
        }
        ctx.draw();
    }

    function dismissPreview() {
        const origin = state.change && state.change.origin;
        state.change = null;
        state.busy = null;
        ctx.focus(origin ? `#${origin}` : "#packages-title");
        ctx.draw();
    }

    async function confirm() {
        const change = state.change;
        if (!change || change.phase !== "preview")
            return;
        const args = [...change.args, "--json", "--progress"];
        const journal = known(state.report.journal);
        const before = new Set(journal ? journal.entries.map(e => e.id) : []);
        change.phase = "running";
        const call = start(args, {
            superuser: "require", limit: "change",
            onLine: line => {
                const text = progressOf(line);
                if (text === null)
                    return;
                change.progress.push(text);
                if (change.progress.length > KEEP_LINES)
                    change.progress.splice(0, change.progress.length - KEEP_LINES);
                ctx.drawSoon();
            },
        });
        change.cancel = call.cancel;
        ctx.focus("#change-running-title");
        ctx.draw();
        let result;
        try {
            const answer = parseJson(args, await call.promise, OPERATION_SCHEMA);
            result = answer.outcome === "unchanged"
                ? nothingToDo(change.id, answer)
                : { kind: "success", title: change.done, text: format(_("$0 on $1: $2 ($3 s)"), answer.operation, answer.target, answer.commands.map(c => c.join(" ")).join("; "), (answer.duration_ms / 1000).toFixed(1)) };
        } catch (error) {
            if (error.problem === "cancelled") {
                await afterStop(change, before);
                return;
            }
            result = { kind: "danger", title: format(_("kpatch-script $0 failed"), change.operation), text: messageOf(error) };
        }
        await ctx.reload();
        finish(change.card, { ...result, progress: change.progress });
        ctx.draw();
    }

    function stop() {
        const change = state.change;
        if (!change || change.phase !== "running")
            return;
        change.phase = "stopping";
        ctx.focus("#change-running-title");
        ctx.draw();
        change.cancel();
    }

    /**
     * After Cancel: the bridge sent kpatch-script SIGTERM; it finishes the step it is in and records
     * the outcome in the journal. The page waits for that record (not for a time), then reads the host.
     */
    async function afterStop(change, before) {
        let entry = null;
        let absent = 0;
        const deadline = Date.now() + (limits().change + 60) * 1000;
        while (Date.now() < deadline) {
            try {
                const journal = await runJson(["journal", "--json", "--limit", "10"], { schema: JOURNAL_SCHEMA });
                entry = journal.entries.find(e => !before.has(e.id) && e.operation === change.operation) || null;
            } catch (error) {
                entry = null;
            }
            if (entry && entry.outcome !== "unfinished")
                break;
            // No record after 15 s: it was stopped before it began (the journal opens first, before any change).
            if (!entry && ++absent >= 15)
                break;
            await sleep(1000);
        }
        await ctx.reload();
        const verdict = state.report ? state.report.verdict.state : _("unknown");
        const host = format(_("The host now reads: $0."), verdict);
        let result;
        if (!entry)
            result = { kind: "info", title: format(_("$0 cancelled"), change.title), text: `${_("It had not started: nothing was changed.")} ${host}` };
        else if (entry.outcome === "interrupted")
            result = { kind: "warning", title: format(_("$0 cancelled"), change.title), text: `${format(_("kpatch-script stopped at a safe point; the journal records $0 as interrupted$1."), entry.operation, entry.error ? `: ${entry.error}` : "")} ${host}` };
        else if (entry.outcome === "unfinished")
            result = { kind: "warning", title: format(_("$0 is still stopping"), change.title), text: `${format(_("The journal still shows $0 as running (pid $1). Refresh later to see how it ended."), entry.operation, entry.pid)} ${host}` };
        else
            result = { kind: entry.outcome === "failed" ? "danger" : "info", title: format(_("$0 ended before it could stop"), change.title), text: `${format(_("The journal records $0 as $1$2."), entry.operation, entry.outcome, entry.error ? `: ${entry.error}` : entry.detail ? `: ${entry.detail}` : "")} ${host}` };
        finish(change.card, { ...result, progress: change.progress });
        ctx.draw();
    }

    return { preview, dismissPreview, confirm, stop };
}

/** A dry run or a run that found nothing to do (outcome "unchanged"): said as that, with what the CLI found. */
function nothingToDo(id, answer) {
    return { kind: "info", title: id === "update" ? _("Already up to date") : _("Nothing to change"), text: format(_("$0: nothing to do on $1: $2"), answer.operation, answer.target, answer.detail) };
}

/** The CLI's message, with the error of the result it printed when the message does not already say it. */
export function messageOf(error) {
    const printed = jsonOf(error);
    return printed && printed.error && !error.message.includes(printed.error) ? `${error.message} (${printed.error})` : error.message;
}
