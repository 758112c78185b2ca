// The panel's only way to the host: kpatch-script as an argument vector through cockpit.spawn.
// Reads run with superuser "try" (as root when the session has administrative access, else as the
// user); changes with superuser "require". stderr comes back as the error message (err: "message").

const PROGRAM = "kpatch-script";

/** A failed kpatch-script call: the CLI's one-line message, its exit status, and its stdout. */
export class CliError extends Error {
    constructor(args, { message, exitStatus, problem, stdout }) {
        super(describe(args, message, exitStatus, problem));
        this.args = args;
        this.exitStatus = exitStatus;
        this.problem = problem;
        this.stdout = stdout || "";
    }
}

function describe(args, message, exitStatus, problem) {
    const command = [PROGRAM, ...args].join(" ");
    if (problem === "not-found")
        return `${PROGRAM} was not found on this host: install the kpatch-script package (it provides /usr/bin/${PROGRAM}), then reload this page. (Running "${command}" failed: not found.)`;
    if (problem === "access-denied")
        return `Not permitted: "${command}" needs administrative access.`;
    const text = (message || "").trim();
    if (problem)
        return `"${command}" could not run: ${text || cockpit.message({ problem })}`;
    if (text)
        return text;
    return `"${command}" failed with exit status ${exitStatus} and no message.`;
}

let running = 0;

// Tests and the spinner read how many calls are in flight.
function track(delta) {
    running += delta;
    document.documentElement.dataset.pending = String(running);
}

/**
 * Runs kpatch-script with `args`. Resolves { stdout, stderr, exitStatus }; rejects a CliError.
 * okExitStatuses: exit statuses that are answers, not failures (verify's Nagios codes, a script's own);
 * directory: the working directory (default: the bridge's).
 */
export function run(args, { superuser = "try", okExitStatuses = [0], directory } = {}) {
    track(1);
    return new Promise((resolve, reject) => {
        cockpit.spawn([PROGRAM, ...args], { superuser, err: "message", ...(directory ? { directory } : {}) })
            .then((stdout, stderr) => resolve({ stdout, stderr: stderr || "", exitStatus: 0 }),
                  (error, stdout) => {
                      const exitStatus = error.exit_status ?? -1;
                      if (!error.problem && okExitStatuses.includes(exitStatus))
                          resolve({ stdout: stdout || "", stderr: error.message || "", exitStatus });
                      else
                          reject(new CliError(args, { message: error.message, exitStatus, problem: error.problem, stdout }));
                  });
    }).finally(() => track(-1));
}

/**
 * Runs kpatch-script with `args` (which include --json or --format json) and parses its output.
 * schema: the schema_version this panel reads. Another one (a panel and a kpatch-script from
 * different packages) is an error, never a document read as if it were the known one.
 */
export async function runJson(args, options = {}) {
    const result = await run(args, options);
    let parsed;
    try {
        parsed = JSON.parse(result.stdout);
    } catch (e) {
        // What kpatch-script said on stderr is usually why: keep it.
        const said = result.stderr.trim() ? ` It said: ${result.stderr.trim().split("\n")[0]}` : "";
        throw new CliError(args, { message: `kpatch-script printed something that is not JSON (${e.message}).${said}`, exitStatus: result.exitStatus });
    }
    checkSchema(args, parsed, options.schema, result.exitStatus);
    return parsed;
}

function checkSchema(args, parsed, schema, exitStatus) {
    if (schema === undefined || (parsed && parsed.schema_version === schema))
        return;
    const found = parsed && parsed.schema_version !== undefined ? `schema version ${JSON.stringify(parsed.schema_version)}` : "no schema version";
    throw new CliError(args, {
        message: `kpatch-script ${args[0]} answered with ${found}; this panel reads version ${schema}. Install the panel and kpatch-script from the same package (the panel ships in the kpatch-script RPM), then reload this page.`,
        exitStatus,
    });
}

/** The JSON a failed call still printed (install --json prints its result, then exits 1), or null; with `schema`, only a document of that version. */
export function jsonOf(error, schema) {
    try {
        const parsed = error instanceof CliError && error.stdout ? JSON.parse(error.stdout) : null;
        return parsed && (schema === undefined || parsed.schema_version === schema) ? parsed : null;
    } catch (e) {
        return null;
    }
}
