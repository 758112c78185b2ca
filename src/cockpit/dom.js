// DOM building without innerHTML: every piece of data becomes a text node, so nothing the CLI
// prints (host names, CVE ids, script output) can turn into markup. `update` then brings the page
// to a newly built tree in place: the nodes that stay keep their focus, selection and scroll.

// Event handlers are set as properties (node.onclick = fn), not listeners: `update` copies them
// from the new tree to the node it keeps, which listeners cannot be read back to do.
const HANDLERS = ["onclick", "onkeydown", "onchange", "oninput"];

/**
 * el("td", { class: "x", data: { state: "on" }, onclick: fn }, "text", child, [more])
 * Props: class, id, text, title, disabled, hidden, type, role, tabindex, aria (object), data
 * (object), on<event> (handler). Children: strings, numbers, nodes, arrays of them;
 * null/false/undefined skipped.
 */
export function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
        if (value === undefined || value === null || value === false)
            continue;
        if (key === "class")
            node.className = value;
        else if (key === "text")
            node.textContent = String(value);
        else if (key === "data")
            Object.entries(value).forEach(([k, v]) => { if (v !== undefined && v !== null) node.dataset[k] = String(v) });
        else if (key === "aria")
            Object.entries(value).forEach(([k, v]) => { if (v !== undefined && v !== null) node.setAttribute("aria-" + k, String(v)) });
        else if (key.startsWith("on") && typeof value === "function")
            node[key] = value;
        else if (value === true)
            node.setAttribute(key, "");
        else
            node.setAttribute(key, String(value));
    }
    append(node, children);
    return node;
}

function append(node, children) {
    for (const child of flatten(children))
        node.appendChild(child);
}

function flatten(children, into = []) {
    for (const child of children) {
        if (child === undefined || child === null || child === false)
            continue;
        if (Array.isArray(child))
            flatten(child, into);
        else if (child instanceof Node)
            into.push(child);
        else
            into.push(document.createTextNode(String(child)));
    }
    return into;
}

/** Replaces the children of `node`. */
export function replace(node, ...children) {
    node.replaceChildren();
    append(node, children);
}

/**
 * Makes the children of `node` equal to `children` (a newly built tree), changing only what
 * differs: an element with the same id (or data-key), else the next one of the same tag, is kept
 * and its attributes, handlers and children brought up to date. The focused button stays the
 * focused button; a screen reader is not sent back to the top of the page.
 */
export function update(node, ...children) {
    patchChildren(node, flatten(children));
}

function keyOf(node) {
    return node.nodeType === Node.ELEMENT_NODE ? (node.id || node.dataset.key || null) : null;
}

function sameKind(a, b) {
    return a.nodeType === b.nodeType && (a.nodeType !== Node.ELEMENT_NODE || a.tagName === b.tagName);
}

function patchChildren(parent, next) {
    const old = [...parent.childNodes];
    const keyed = new Map();
    old.forEach(o => { const k = keyOf(o); if (k) keyed.set(k, o) });
    const used = new Set();
    let cursor = 0;
    const result = next.map(n => {
        const key = keyOf(n);
        let match = null;
        if (key) {
            const candidate = keyed.get(key);
            if (candidate && !used.has(candidate) && sameKind(candidate, n))
                match = candidate;
        } else {
            while (cursor < old.length && (used.has(old[cursor]) || keyOf(old[cursor])))
                cursor++;
            if (cursor < old.length && sameKind(old[cursor], n))
                match = old[cursor++];
        }
        if (!match)
            return n;
        used.add(match);
        patchNode(match, n);
        return match;
    });
    for (const o of old) {
        if (!used.has(o))
            o.remove();
    }
    // Only nodes out of place move (a moved node loses focus): the kept ones are in order already.
    result.forEach((node, index) => {
        if (parent.childNodes[index] !== node)
            parent.insertBefore(node, parent.childNodes[index] || null);
    });
}

function patchNode(target, source) {
    if (target.nodeType !== Node.ELEMENT_NODE) {
        if (target.data !== source.data)
            target.data = source.data;
        return;
    }
    for (const { name } of [...target.attributes]) {
        if (!source.hasAttribute(name))
            target.removeAttribute(name);
    }
    for (const { name, value } of [...source.attributes]) {
        if (target.getAttribute(name) !== value)
            target.setAttribute(name, value);
    }
    for (const handler of HANDLERS)
        target[handler] = source[handler];
    patchChildren(target, [...source.childNodes]);
}
