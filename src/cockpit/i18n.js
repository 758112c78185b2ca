// Every string the panel writes goes through Cockpit's own gettext, so the panel is translated as
// Cockpit's pages are: po.js (served by cockpit-ws for the session's language from this package's
// po.LANG.js, if any) calls cockpit.locale() before the panel runs. Without a translation the
// English text is shown as written.

/** _("text") or _("context", "text"): the translation of the session's language, else the text. */
export const _ = (...args) => cockpit.gettext(...args);

/** format(_("Live patch installed for $0"), kernel): placeholders $0, $1 … filled after translating. */
export const format = (template, ...values) => cockpit.format(template, values);
