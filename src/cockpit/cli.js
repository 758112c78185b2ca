// The panel's only way to the host: kpatch-script as an argument vector through cockpit.spawn.
// Reads run with superuser "try" (as root when the session has administrative access, else as the
// user); changes with superuser "require". stderr comes back as the error message (err: "message").
//
// Every call has a time limit, kept on the host: kpatch-script runs under coreutils' timeout(1),
// which sends it (it alone, not the dnf it runs) SIGTERM at the limit (a change stops at its next
// safe point), SIGKILL 30 s later. The host's own timer also ends a call whose browser went away,
// and the CLI's stderr still arrives, so the error can quote it. A timer in the page is the backstop
// for a bridge that does not answer at all.
import { _, format } from "./i18n.js";

const PROGRAM = "kpatch-script";
const TIMEOUT = "/usr/bin/timeout";
const KILL_AFTER = 30; // s after SIGTERM
const TIMED_OUT = 124; // timeout(1): the command timed out
const NOT_FOUND = 127; // timeout(1): the command was not found (126, found but not runnable, keeps its message)

// Seconds; the defaults, which an admin changes in /etc/cockpit/kpatch-script.override.json
// ({ "config": { "read_timeout_seconds": 300 } }), as Cockpit merges override files into the manifest.
const DEFAULT_LIMITS = { read: 120, change: 1800 };

export function limits() {
    const config = (cockpit.manifests && cockpit.manifests["kpatch-script"] && cockpit.manifests["kpatch-script"].config) || {};
    const seconds = (value, fallback) => Number.isFinite(value) && value > 0 ? value : fallback;
    return {
        read: seconds(config.read_timeout_seconds, DEFAULT_LIMITS.read),
        change: seconds(config.change_timeout_seconds, DEFAULT_LIMITS.change),
    };
}

/** A failed kpatch-script call: the CLI's one-line message, its exit status, and its stdout. */
export class CliError extends Error {
    constructor(args, { message, exitStatus, problem, stdout, seconds }) {
        super(describe(args, message, exitStatus, problem, seconds));
        this.args = args;
        this.exitStatus = exitStatus;
        this.problem = problem;
        this.stdout = stdout || "";
    }
}

function firstLine(text) {
    return (text || "").trim().split("\n")[0].trim();
}

function describe(args, message, exitStatus, problem, seconds) {
    const command = [PROGRAM, ...args].join(" ");
    if (problem === "not-found")
        return format(_("$0 was not found on this host: install the kpatch-script package (it provides /usr/bin/$0), then reload this page. (Running \"$1\" failed: not found.)"), PROGRAM, command);
    if (problem === "access-denied")
        return format(_("Not permitted: \"$0\" needs administrative access."), command);
    if (problem === "timeout") {
        const said = firstLine(message);
        return format(_("\"$0\" did not finish within $1 s and was stopped. $2 The limit is set in /etc/cockpit/kpatch-script.override.json."),
            command, seconds, said ? format(_("It said: $0."), said) : _("It printed nothing on stderr."));
    }
    if (problem === "unanswered")
        return format(_("\"$0\" did not answer within $1 s, not even after the host's time limit stopped it: the connection to the host may be stuck. Reload the page."), command, seconds + KILL_AFTER);
    const text = (message || "").trim();
    if (problem)
        return format(_("\"$0\" could not run: $1"), command, text || cockpit.message({ problem }));
    if (text)
        return text;
    return format(_("\"$0\" failed with exit status $1 and no message."), command, exitStatus);
}

let running = 0;

// Tests and the spinner read how many calls are in flight.
function track(delta) {
    running += delta;
    document.documentElement.dataset.pending = String(running);
}

/**
 * Starts kpatch-script with `args`. Returns { promise, cancel }: the promise resolves
 * { stdout, stderr, exitStatus } and rejects a CliError; cancel() closes the call, and the bridge
 * sends kpatch-script SIGTERM (a change stops at its next safe point).
 * okExitStatuses: exit statuses that are answers, not failures (verify's Nagios codes, a script's own);
 * directory: the working directory (default: the bridge's); limit: "read" or "change" (the time
 * limit; none for a workflow script, whose own exit status 124 would be ambiguous);
 * onLine(line): each whole line of stdout as it arrives (with --progress, the CLI's progress).
 */
export function start(args, { superuser = "try", okExitStatuses = [0], directory, limit = "read", onLine } = {}) {
    const seconds = limit ? limits()[limit] : null;
    // --foreground: the signal (at the limit, or the bridge's SIGTERM on Cancel, which timeout passes
    // on) goes to kpatch-script alone, never to its process group: a dnf it runs is not killed in the
    // middle of a transaction; kpatch-script lets it finish and stops after it.
    const argv = seconds ? [TIMEOUT, "--foreground", `--kill-after=${KILL_AFTER}s`, `${seconds}s`, PROGRAM, ...args] : [PROGRAM, ...args];
    const proc = cockpit.spawn(argv, { superuser, err: "message", ...(directory ? { directory } : {}) });
    let stdout = "";
    let partial = "";
    proc.stream(chunk => {
        stdout += chunk;
        if (!onLine)
            return;
        const lines = (partial + chunk).split("\n");
        partial = lines.pop();
        lines.forEach(onLine);
    });
    let backstop = null;
    let unanswered = false;
    track(1);
    const promise = new Promise((resolve, reject) => {
        if (seconds) {
            // The host's timer should have ended it by now: the bridge itself does not answer.
            backstop = window.setTimeout(() => { unanswered = true; proc.close("timeout") }, (seconds + KILL_AFTER + 15) * 1000);
        }
        proc.then((_out, stderr) => resolve({ stdout, stderr: stderr || "", exitStatus: 0 }),
            (error) => {
                if (unanswered) {
                    reject(new CliError(args, { problem: "unanswered", seconds }));
                    return;
                }
                const exitStatus = error.exit_status ?? -1;
                const problem = error.problem
                    || (seconds && exitStatus === TIMED_OUT ? "timeout" : null)
                    || (seconds && exitStatus === NOT_FOUND && (error.message || "").includes("timeout: failed to run command") ? "not-found" : null);
                if (!problem && okExitStatuses.includes(exitStatus))
                    resolve({ stdout, stderr: error.message || "", exitStatus });
                else
                    reject(new CliError(args, { message: error.message, exitStatus, problem, stdout, seconds }));
            });
    }).finally(() => {
        window.clearTimeout(backstop);
        track(-1);
    });
    return { promise, cancel: () => proc.close("cancelled") };
}

/** Runs kpatch-script with `args` (see start). Resolves { stdout, stderr, exitStatus }; rejects a CliError. */
export function run(args, options = {}) {
    return start(args, options).promise;
}

/**
 * Parses a CLI answer (`--json` or `--format json`). schema: the schema_version this panel reads.
 * Another one (a panel and a kpatch-script from different packages) is an error, never a document
 * read as if it were the known one. Progress lines (`{"progress": …}` before the document, with
 * --progress) are not part of it.
 */
export function parseJson(args, result, schema) {
    const text = withoutProgress(result.stdout);
    let parsed;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        // What kpatch-script said (on stderr, else on stdout) is usually why: keep it.
        const printed = firstLine(text);
        const said = firstLine(result.stderr) ? format(_(" It said: $0"), firstLine(result.stderr)) : "";
        throw new CliError(args, {
            message: format(_("kpatch-script printed something that is not JSON ($0): $1.$2"), e.message,
                printed ? `\u201c${printed.length > 200 ? printed.slice(0, 200) + "\u2026" : printed}\u201d` : _("nothing"), said),
            exitStatus: result.exitStatus,
            stdout: result.stdout,
        });
    }
    checkSchema(args, parsed, schema, result.exitStatus);
    return parsed;
}

/** Runs kpatch-script with `args` (which include --json or --format json) and parses its output. */
export async function runJson(args, options = {}) {
    return parseJson(args, await run(args, options), options.schema);
}

/** One progress line of `--json --progress` ({"progress": "text"}), or null for any other line. */
export function progressOf(line) {
    if (!line.startsWith("{\"progress\":"))
        return null;
    try {
        const parsed = JSON.parse(line);
        return typeof parsed.progress === "string" ? parsed.progress : null;
    } catch (e) {
        return null;
    }
}

function withoutProgress(stdout) {
    const lines = stdout.split("\n");
    let first = 0;
    while (first < lines.length && progressOf(lines[first]) !== null)
        first++;
    return lines.slice(first).join("\n");
}

function checkSchema(args, parsed, schema, exitStatus) {
    if (schema === undefined || (parsed && parsed.schema_version === schema))
        return;
    const found = parsed && parsed.schema_version !== undefined ? format(_("schema version $0"), JSON.stringify(parsed.schema_version)) : _("no schema version");
    throw new CliError(args, {
        message: format(_("kpatch-script $0 answered with $1; this panel reads version $2. Install the panel and kpatch-script from the same package (the panel ships in the kpatch-script RPM), then reload this page."), args[0], found, schema),
        exitStatus,
    });
}

// The schema_version of each document this panel reads (report.schema.json, verification.schema.json,
// the workflows listing): a kpatch-script that answers another version is shown as an error.
export const SCHEMA = { report: 1, verification: 2, workflows: 1 };

/** The panel's read of the host (no dnf: fast): the report the page is drawn from. first-read.js starts the first one. */
export function readReport() {
    return runJson(["report", "--format", "json"], { schema: SCHEMA.report });
}

/** The JSON a failed call still printed (install --json prints its result, then exits 1), or null; with `schema`, only a document of that version. */
export function jsonOf(error, schema) {
    try {
        const parsed = error instanceof CliError && error.stdout ? JSON.parse(withoutProgress(error.stdout)) : null;
        return parsed && (schema === undefined || parsed.schema_version === schema) ? parsed : null;
    } catch (e) {
        return null;
    }
}
