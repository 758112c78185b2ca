// Follows Cockpit's light/dark choice the way cockpit's own pages do (pkg/lib/cockpit-dark-theme.js):
// localStorage["shell:style"] is "auto", "light" or "dark"; "auto" follows prefers-color-scheme.
// The shell announces a change with a "cockpit-style" event, other pages through "storage".
(function () {
    "use strict";
    const media = window.matchMedia("(prefers-color-scheme: dark)");

    function storedStyle() {
        try {
            return window.localStorage.getItem("shell:style") || "auto";
        } catch (e) {
            return "auto"; // storage can be off; follow the system then
        }
    }

    function apply(style) {
        const dark = style === "dark" || (style !== "light" && media.matches);
        document.documentElement.classList.toggle("pf-theme-dark", dark);
    }

    window.addEventListener("storage", event => {
        if (event.key === "shell:style")
            apply(storedStyle());
    });
    window.addEventListener("cockpit-style", event => {
        if (event instanceof CustomEvent && event.detail && event.detail.style)
            apply(event.detail.style);
    });
    media.addEventListener("change", () => apply(storedStyle()));
    apply(storedStyle());
}());
