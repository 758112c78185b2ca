// DOM building without innerHTML: every piece of data becomes a text node, so nothing the CLI
// prints (host names, CVE ids, script output) can turn into markup.

/**
 * el("td", { class: "x", data: { state: "on" }, onclick: fn }, "text", child, [more])
 * Props: class, id, text, title, disabled, hidden, type, role, aria (object), data (object),
 * on<event> (listener). Children: strings, numbers, nodes, arrays of them; null/false/undefined skipped.
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
            Object.entries(value).forEach(([k, v]) => node.setAttribute("aria-" + k, String(v)));
        else if (key.startsWith("on") && typeof value === "function")
            node.addEventListener(key.slice(2), value);
        else if (value === true)
            node.setAttribute(key, "");
        else
            node.setAttribute(key, String(value));
    }
    append(node, children);
    return node;
}

function append(node, children) {
    for (const child of children) {
        if (child === undefined || child === null || child === false)
            continue;
        if (Array.isArray(child))
            append(node, child);
        else if (child instanceof Node)
            node.appendChild(child);
        else
            node.appendChild(document.createTextNode(String(child)));
    }
}

/** Replaces the children of `node`. */
export function replace(node, ...children) {
    node.replaceChildren();
    append(node, children);
}
