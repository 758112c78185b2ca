using Scriban.Runtime;

namespace KpatchScript.Reporting.Rendering;

/// <summary>What a render's contexts share: the escaping, the limits sized from the data, the include loader and the model's time.</summary>
internal sealed record RenderSettings(Func<object?, string?> Escape, int LoopLimit, int OutputLimit, ITemplateLoader Loader, DateTime Now);
