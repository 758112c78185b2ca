// Starts the panel's first read, `kpatch-script report --format json`, as soon as cockpit.js has
// run: a classic script, so it does not wait, as the panel's modules do, for the whole page to be
// parsed, for po.js and for every module file. On a cold session those are served one by one by a
// bridge that has just started; measured (tests/benchmarks/README.md, "Cockpit page load to
// verdict"), the report then starts about 250 ms earlier, and the modules load while it runs.
//
// The time limit of that call comes from the manifests (/etc/cockpit/kpatch-script.override.json
// merged in), so they are loaded first, here; the panel (kpatch-script.js) takes the call over.
(function () {
    "use strict";
    const timings = { started: performance.now() };
    window.kpatchScriptPanel = { timings };

    // ../manifests.js sets cockpit.manifests; without it (an error) the default limits apply.
    const manifests = new Promise(resolve => {
        const script = document.createElement("script");
        script.src = "../manifests.js";
        script.onload = () => resolve();
        script.onerror = () => resolve();
        document.head.appendChild(script);
    });

    const report = Promise.all([import("./cli.js"), manifests]).then(([cli]) => {
        timings.reportAsked = performance.now();
        return cli.readReport();
    });
    // Handled by the panel when it takes the call over; until then a failure is not "unhandled".
    report.catch(() => {});
    window.kpatchScriptPanel.firstRead = { manifests, report };
}());
