// The page-load benchmark's baseline (PageLoadTests): the least a Cockpit page that shows an answer
// from the host does. It loads cockpit.js, runs one .NET hello-world program through the bridge
// (kps-hello on the bridge's PATH), and shows what it printed; the time is what the page measured.
(function () {
    "use strict";
    const timings = { script: performance.now() };
    window.kpsBaseline = timings;
    cockpit.spawn(["kps-hello"], { err: "message" }).then(output => {
        document.getElementById("answer").textContent = output;
        timings.shown = performance.now();
    }, error => {
        document.getElementById("answer").textContent = `kps-hello failed: ${error.message}`;
        timings.failed = String(error.message || error.problem);
    });
}());
