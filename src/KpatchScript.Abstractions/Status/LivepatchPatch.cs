using System.Text.Json.Serialization;

namespace KpatchScript.Status;

/// <summary>One directory under <c>/sys/kernel/livepatch</c>.</summary>
/// <param name="Name">The patch (module) name.</param>
/// <param name="State">enabled / enabling / disabling / disabled / unknown, as <c>kpatch list</c> names them.</param>
/// <param name="Enabled"><c>enabled</c>: 1 applied or being applied, 0 being disabled.</param>
/// <param name="Transition"><c>transition</c>: 1 while this patch is in transition.</param>
/// <param name="Replace"><c>replace</c> (kernel 6.11+): an atomic-replace (cumulative) patch; null when the kernel lacks the file.</param>
/// <param name="StackOrder"><c>stack_order</c> (kernel 6.13+): position in the patch stack; null when the kernel lacks the file.</param>
/// <param name="Objects">Patched objects (<c>vmlinux</c> or module names).</param>
public sealed record LivepatchPatch(
    string Name,
    string State,
    Reading<bool> Enabled,
    Reading<bool> Transition,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Reading<bool>? Replace,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Reading<int>? StackOrder,
    Reading<IReadOnlyList<LivepatchObject>> Objects);

/// <summary>One object a patch changes.</summary>
/// <param name="Name"><c>vmlinux</c> or a module name.</param>
/// <param name="Patched"><c>patched</c> (kernel 6.1+): 0 e.g. when the target module is not loaded; null when the kernel lacks the file.</param>
/// <param name="Functions">The patched functions.</param>
public sealed record LivepatchObject(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Reading<bool>? Patched,
    IReadOnlyList<PatchedFunction> Functions);

/// <summary>A patched function: a <c>func,sympos</c> directory.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Sympos">Its symbol position (1 for the first or only one).</param>
public sealed record PatchedFunction(string Name, Reading<int> Sympos);
